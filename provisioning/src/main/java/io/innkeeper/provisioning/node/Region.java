package io.innkeeper.provisioning.node;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A location customers choose when they order, for example {@code eu-central}. */
@Entity
@Table(name = "region")
public class Region extends PanacheEntityBase {

    @Id
    public UUID id;

    public String code;

    public String name;
}
