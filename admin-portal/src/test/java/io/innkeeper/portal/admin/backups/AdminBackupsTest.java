package io.innkeeper.portal.admin.backups;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.provisioning.backup.BackupStore;
import io.innkeeper.provisioning.backup.BackupTarget;
import io.innkeeper.provisioning.backup.BackupTargets;
import io.innkeeper.provisioning.backup.GuestBackup;
import io.innkeeper.provisioning.driver.DiskReader;
import io.innkeeper.portal.admin.AdminCsrf;

/**
 * The backup storage page on the test profile's real target (a directory pool on bin/test's libvirtd): a file named
 * as a backup that no backup owns is listed as an orphan and removed on request; a file that is no backup's name is
 * left alone.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "admin")
class AdminBackupsTest {

    @Inject
    BackupStore store;

    @Inject
    BackupTargets targets;

    @Test
    void anOrphanIsListedAndRemovedOnRequest() {
        BackupTarget target = targets.all().get("default");
        assertThat(target).as("the test profile's default target").isNotNull();
        String orphan = GuestBackup.volumeName(UUID.randomUUID());
        String other = "notes-" + UUID.randomUUID() + ".txt";
        store.write(target, orphan, bytes("lost copy"));
        store.write(target, other, bytes("an admin's own file"));
        try {
            given().get("/admin/backups").then().statusCode(200)
                    .body(containsString("<code>" + orphan + "</code>"), not(containsString(other)),
                            containsString(target.dir()));

            AdminCsrf.form().formParam("target", "no-such-target").post("/admin/backups/orphans").then().statusCode(400);
            String location = AdminCsrf.form().formParam("target", "default").post("/admin/backups/orphans").then()
                    .statusCode(303).extract().header("Location");
            assertThat(location).contains("/admin/backups?removed=");
            assertThat(store.names(target)).doesNotContain(orphan).contains(other);
            given().get(location).then().statusCode(200).body(containsString("orphaned file"),
                    not(containsString("<code>" + orphan + "</code>")));
        } finally {
            store.delete(target, other);
        }
    }

    private static DiskReader bytes(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return new DiskReader() {
            private boolean done;

            @Override
            public int read(byte[] buffer) {
                if (done) {
                    return -1;
                }
                done = true;
                System.arraycopy(data, 0, buffer, 0, data.length);
                return data.length;
            }

            @Override
            public void close() {
            }
        };
    }
}
