package io.innkeeper.provisioning.template;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An operating system image customers install, and the guest types it can run as. */
@Entity
@Table(name = "os_template")
public class OsTemplate extends PanacheEntityBase {

    @Id
    public UUID id;

    public String code;

    public String name;

    /** Comma-separated guest types, for example {@code kvm,xen,lxc}. */
    @Column(name = "guest_types")
    public String guestTypes;

    /** The image (VM disk) or template cache (container root filesystem) on the nodes. */
    public String image;

    @Column(name = "on_sale")
    public boolean onSale = true;

    public List<String> guestTypeList() {
        return Arrays.stream(guestTypes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public boolean supports(String guestType) {
        return guestTypeList().contains(guestType);
    }
}
