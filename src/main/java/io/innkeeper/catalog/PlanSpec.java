package io.innkeeper.catalog;

import java.math.BigDecimal;

/** Everything an admin sets on a plan; publishing a changed spec makes a new version of the plan. */
public record PlanSpec(String code, String name, String guestTypes, int vcpus, int memoryMib, int diskGib,
        int trafficGb, int portMbit, Integer diskIops, Integer diskMbyteS, int cpuShares, Integer cpuCapPercent,
        BigDecimal hourlyPrice, BigDecimal monthlyCap, String currency, boolean onSale) {

    static PlanSpec of(Plan plan) {
        return new PlanSpec(plan.code, plan.name, plan.guestTypes, plan.vcpus, plan.memoryMib, plan.diskGib,
                plan.trafficGb, plan.portMbit, plan.diskIops, plan.diskMbyteS, plan.cpuShares, plan.cpuCapPercent,
                plan.hourlyPrice, plan.monthlyCap, plan.currency, plan.onSale);
    }

    void applyTo(Plan plan) {
        plan.code = code;
        plan.name = name;
        plan.guestTypes = guestTypes;
        plan.vcpus = vcpus;
        plan.memoryMib = memoryMib;
        plan.diskGib = diskGib;
        plan.trafficGb = trafficGb;
        plan.portMbit = portMbit;
        plan.diskIops = diskIops;
        plan.diskMbyteS = diskMbyteS;
        plan.cpuShares = cpuShares;
        plan.cpuCapPercent = cpuCapPercent;
        plan.hourlyPrice = hourlyPrice;
        plan.monthlyCap = monthlyCap;
        plan.currency = currency;
        plan.onSale = onSale;
    }
}
