package io.innkeeper.notify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.innkeeper.catalog.Plan;

/** A plan one step above the fixtures' "Test One", for resizes: 2 vCPU, 1024 MiB, 20 GiB. */
@ApplicationScoped
public class TestPlans {

    @Transactional
    public String bigger() {
        return Plan.<Plan>find("code", "n1-t-2").firstResultOptional().orElseGet(() -> {
            Plan p = new Plan();
            p.id = UUID.randomUUID();
            p.code = "n1-t-2";
            p.name = "Test Two";
            p.guestTypes = "kvm";
            p.createdAt = Instant.now();
            p.vcpus = 2;
            p.memoryMib = 1024;
            p.diskGib = 20;
            p.hourlyPrice = new BigDecimal("0.0100");
            p.monthlyCap = new BigDecimal("6.00");
            p.currency = "EUR";
            p.persist();
            return p;
        }).id.toString();
    }
}
