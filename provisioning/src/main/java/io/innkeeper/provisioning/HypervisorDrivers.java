package io.innkeeper.provisioning;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.All;

import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.HypervisorDriver;
import io.innkeeper.provisioning.driver.HypervisorDriverFactory;
import io.innkeeper.provisioning.driver.NodeSettings;

/** Finds the factory for a guest type and keeps one driver per node. */
@ApplicationScoped
public class HypervisorDrivers {

    private final Map<String, HypervisorDriverFactory> factories;
    private final Map<NodeKey, HypervisorDriver> drivers = new ConcurrentHashMap<>();

    @Inject
    public HypervisorDrivers(@All List<HypervisorDriverFactory> factories) {
        this.factories = factories.stream()
                .collect(Collectors.toUnmodifiableMap(HypervisorDriverFactory::id, Function.identity()));
    }

    public Set<String> guestTypes() {
        return factories.keySet();
    }

    public HypervisorDriverFactory factory(String guestType) {
        HypervisorDriverFactory factory = factories.get(guestType);
        if (factory == null) {
            throw new DriverException.Unsupported("no driver for guest type " + guestType, null);
        }
        return factory;
    }

    public HypervisorDriver forNode(String guestType, NodeSettings settings) {
        return drivers.computeIfAbsent(new NodeKey(guestType, settings), k -> factory(guestType).create(settings));
    }

    private record NodeKey(String guestType, NodeSettings settings) {
    }
}
