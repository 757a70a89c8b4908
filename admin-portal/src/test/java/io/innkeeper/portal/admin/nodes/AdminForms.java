package io.innkeeper.portal.admin.nodes;

import java.util.UUID;

import io.restassured.specification.RequestSpecification;

import io.innkeeper.portal.admin.AdminCsrf;

/** Admin form posts with a valid CSRF token, as the admin pages send them. */
final class AdminForms {

    private AdminForms() {
    }

    static RequestSpecification node(String name, UUID region, String uri) {
        return AdminCsrf.form().formParam("name", name).formParam("region", region.toString()).formParam("guestType", "kvm")
                .formParam("libvirtUri", uri).formParam("vcpus", "16").formParam("memoryMib", "65536")
                .formParam("diskGib", "2000");
    }
}
