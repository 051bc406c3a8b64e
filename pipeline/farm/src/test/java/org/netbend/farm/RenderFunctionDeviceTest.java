package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.junit.jupiter.api.Test;

/** The GPU a render slot uses, from Flink's GPU external resource. */
class RenderFunctionDeviceTest {

    @Test
    void cudaBecomesTheIndexTheGpuPluginReports() {
        assertEquals("cuda:3", RenderFunction.resolveDevice("cuda", Set.of(gpu(Map.of("index", "3")))));
    }

    @Test
    void cudaStaysCudaWithoutAPluginOrAnIndex() {
        assertEquals("cuda", RenderFunction.resolveDevice("cuda", Set.of()));
        assertEquals("cuda", RenderFunction.resolveDevice("cuda", null));
        assertEquals("cuda", RenderFunction.resolveDevice("cuda", Set.of(gpu(Map.of()))));
    }

    @Test
    void anExplicitDeviceOrTheCpuIsNeverOverridden() {
        assertEquals("cpu", RenderFunction.resolveDevice("cpu", Set.of(gpu(Map.of("index", "1")))));
        assertEquals("cuda:0", RenderFunction.resolveDevice("cuda:0", Set.of(gpu(Map.of("index", "1")))));
    }

    private static ExternalResourceInfo gpu(Map<String, String> properties) {
        return new ExternalResourceInfo() {
            @Override public Optional<String> getProperty(String key) { return Optional.ofNullable(properties.get(key)); }

            @Override public Collection<String> getKeys() { return properties.keySet(); }
        };
    }
}
