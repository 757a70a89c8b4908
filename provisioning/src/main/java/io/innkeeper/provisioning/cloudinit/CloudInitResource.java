package io.innkeeper.provisioning.cloudinit;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.ip.IpPools;

/**
 * The NoCloud seed a guest's cloud-init fetches at boot. Guests have no login, so the link carries an HMAC of the
 * guest id ({@link SeedLinks}); a wrong token, or a guest that is gone, answers 404 like an unknown one.
 */
@Path("/cloud-init/{guest}/{token}")
@Produces(MediaType.TEXT_PLAIN)
public class CloudInitResource {

    @Inject
    SeedLinks links;

    @Inject
    IpPools ipPools;

    @GET
    @Path("meta-data")
    @Transactional
    public String metaData(@PathParam("guest") String guest, @PathParam("token") String token) {
        Guest g = guest(guest, token);
        GuestAccessRow row = GuestAccessRow.findById(g.id);
        return CloudInitDocs.metaData(g.id, row == null ? 1 : row.generation, g.hostname);
    }

    @GET
    @Path("user-data")
    @Transactional
    public String userData(@PathParam("guest") String guest, @PathParam("token") String token) {
        Guest g = guest(guest, token);
        GuestAccessRow row = GuestAccessRow.findById(g.id);
        return CloudInitDocs.userData(row == null ? GuestAccess.NONE : row.access());
    }

    @GET
    @Path("network-config")
    @Transactional
    public String networkConfig(@PathParam("guest") String guest, @PathParam("token") String token) {
        return CloudInitDocs.networkConfig(ipPools.addressesOf(guest(guest, token).id));
    }

    @GET
    @Path("vendor-data")
    public String vendorData(@PathParam("guest") String guest, @PathParam("token") String token) {
        guestId(guest, token);
        return "";
    }

    private Guest guest(String guest, String token) {
        Guest g = Guest.findById(guestId(guest, token));
        if (g == null || !g.status.isLive()) {
            throw new NotFoundException();
        }
        return g;
    }

    private UUID guestId(String guest, String token) {
        UUID id;
        try {
            id = UUID.fromString(guest);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        if (!links.valid(id, token)) {
            throw new NotFoundException();
        }
        return id;
    }
}
