package io.innkeeper.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.commons.codec.digest.Sha2Crypt;

import io.innkeeper.account.OpenSshKey;
import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.cloudinit.CloudInitDocs;
import io.innkeeper.provisioning.cloudinit.GuestAccess;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.tenancy.Scope;

/**
 * How customers get into their servers: a root password, SSH keys and their own #cloud-config, handed to the
 * guest's cloud-init. The password is hashed (SHA-512 crypt) before it is stored and never shown again. A change
 * on a running server applies at its next boot; a password reset reboots it.
 */
@ApplicationScoped
public class ServerAccess {

    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 128;
    static final int MAX_KEYS = 20;
    static final int MAX_USER_DATA = 64 * 1024;

    @Inject
    ServerQueries servers;

    @Inject
    ProvisioningService provisioning;

    @Inject
    OrderService orders;

    @Inject
    Audit audit;

    /** What the customer typed; each part may be empty. */
    public record Request(String rootPassword, List<String> sshKeys, String userData) {
    }

    /**
     * Replaces the server's access settings (joins the caller's transaction, so an order can set them with the
     * server it creates). Nothing is stored when any part is wrong; the errors name the field.
     */
    @Transactional
    public void set(Actor actor, Scope scope, UUID serverId, Request request) {
        Server server = servers.get(scope, serverId);
        store(actor, server, check(request));
    }

    /** Stores checked settings on the server; {@link PlaceServer} calls it in the order's transaction. */
    void store(Actor actor, Server server, GuestAccess access) {
        int generation = provisioning.setAccess(server.id, access);
        audit.changed(actor, new Audit.Entry("server.access", "server", server.id, server.tenant.id, null, null,
                Map.of("generation", generation, "rootPassword", access.rootPasswordHash() != null,
                        "sshKeys", access.sshKeys().size(), "userData", access.userData() != null)));
    }

    /**
     * Gives root a new password, keeping the keys and user data, and reboots a running server so cloud-init sets
     * it now; a stopped server gets it when next started.
     *
     * @return whether a reboot was queued
     */
    @Transactional
    public boolean resetRootPassword(Actor actor, Scope scope, UUID serverId, String password) {
        Server server = servers.get(scope, serverId);
        GuestAccess current = provisioning.access(server.id);
        FieldErrors errors = new FieldErrors();
        String hash = hash(password, errors, true);
        errors.throwIfAny();
        provisioning.setAccess(server.id, new GuestAccess(hash, current.sshKeys(), current.userData()));
        audit.changed(actor, new Audit.Entry("server.password-reset", "server", server.id, server.tenant.id, null,
                null, null));
        if (server.guest.status == GuestStatus.RUNNING) {
            orders.power(actor, scope, server.id, OrderService.Power.REBOOT);
            return true;
        }
        return false;
    }

    /** The checked, hashed settings; throws with every field's problem at once. */
    GuestAccess check(Request request) {
        FieldErrors errors = new FieldErrors();
        GuestAccess access = check(request, errors);
        errors.throwIfAny();
        return access;
    }

    /** The checked, hashed settings, each problem added to {@code errors} by field. */
    static GuestAccess check(Request request, FieldErrors errors) {
        String hash = hash(request.rootPassword(), errors, false);
        List<String> keys = new ArrayList<>();
        List<String> given = request.sshKeys() == null ? List.of() : request.sshKeys();
        if (given.stream().filter(k -> k != null && !k.isBlank()).count() > MAX_KEYS) {
            errors.add("sshKeys", "At most " + MAX_KEYS + " SSH keys per server.");
        }
        for (String key : given) {
            if (key == null || key.isBlank()) {
                continue;
            }
            OpenSshKey.Parsed parsed = OpenSshKey.parse(key);
            parsed.key().ifPresentOrElse(k -> keys.add(k.line()), () -> errors.add("sshKeys", parsed.problem()));
        }
        String userData = request.userData() == null || request.userData().isBlank() ? null : request.userData();
        if (userData != null && userData.length() > MAX_USER_DATA) {
            errors.add("userData", "User data is limited to 64 KiB.");
        } else if (userData != null && userData.indexOf('\0') >= 0) {
            errors.add("userData", "User data cannot contain NUL characters.");
        } else if (userData != null) {
            try {
                CloudInitDocs.parseCloudConfig(userData);
            } catch (IllegalArgumentException e) {
                errors.add("userData", e.getMessage());
            }
        }
        return new GuestAccess(hash, keys, userData);
    }

    /** Whether {@code password} is the one whose hash is {@code hash} (both may be missing). */
    static boolean samePassword(String password, String hash) {
        if (password == null || password.isEmpty() || hash == null) {
            return (password == null || password.isEmpty()) == (hash == null);
        }
        return Sha2Crypt.sha512Crypt(password.getBytes(java.nio.charset.StandardCharsets.UTF_8), hash).equals(hash);
    }

    private static String hash(String password, FieldErrors errors, boolean required) {
        if (password == null || password.isEmpty()) {
            if (required) {
                errors.add("rootPassword", "Choose a new root password.");
            }
            return null;
        }
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            errors.add("rootPassword", "Use " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.");
            return null;
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            errors.add("rootPassword", "The password cannot contain control characters or line breaks.");
            return null;
        }
        return Sha2Crypt.sha512Crypt(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
