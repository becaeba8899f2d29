package org.sflowmonitor.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import org.sflowmonitor.sflow.MacAddress;

/**
 * The calls that find one VM of a loaded fleet by its UUID (the original API's hostname), libvirt
 * name or MAC (and a node by a VM's MAC), timed one after another, each naming another VM (so
 * that no answer comes from the API's cache) and checked to find exactly one row: what the
 * lookups cost with and without their indexes (issue 18). Median and highest wall milliseconds as a client sees them.
 */
final class FleetLookups {

    /** A call naming VM number i by {@code param}, whose value {@code value} gives. */
    private record Lookup(String method, String param, IntFunction<String> value) {
        String params(int vm) {
            return "{\"" + param + "\":\"" + value.apply(vm) + "\"}";
        }
    }

    private FleetLookups() {
    }

    static void print(StatusClient api, ClusterModel model, int calls) {
        int vms = model.nodes() * model.vmsPerNode();
        int stride = Math.max(1, vms / calls);
        List<Lookup> lookups = List.of(
                new Lookup("virt.description", "hostname", i -> uuid(model, i)),
                new Lookup("virt.description", "name", i -> name(model, i)),
                new Lookup("virt.memory", "hostname", i -> name(model, i)),
                new Lookup("virt.description", "mac", i -> mac(model, i)),
                new Lookup("host.description", "mac", i -> mac(model, i)));
        for (int l = 0; l < lookups.size(); l++) {
            Lookup lookup = lookups.get(l);
            List<Double> millis = new ArrayList<>();
            String example = null;
            for (int c = 0; c < calls; c++) {
                // each lookup its own VMs: an answer of an earlier call is never reused
                int vm = (c * stride + l * 7919 + 1) % vms;
                String params = lookup.params(vm);
                StatusClient.Answer a = api.call(lookup.method(), params);
                if (!a.ok() || (!lookup.method().equals("virt.memory") && a.json().get("result").size() != 1)) {
                    throw new IllegalStateException(lookup.method() + " " + params + ": " + a);
                }
                millis.add(a.nanos() / 1e6);
                example = example == null ? params : example;
            }
            Collections.sort(millis);
            System.out.printf(Locale.ROOT, "  %s by %s (e.g. %s): median %.1f ms, highest %.1f ms over %d calls%n",
                    lookup.method(), lookup.param(), example,
                    millis.get(millis.size() / 2), millis.get(millis.size() - 1), calls);
        }
    }

    private static String uuid(ClusterModel model, int vm) {
        return model.vmUuid(vm / model.vmsPerNode(), vm % model.vmsPerNode()).toString();
    }

    private static String name(ClusterModel model, int vm) {
        return model.vmName(vm / model.vmsPerNode(), vm % model.vmsPerNode());
    }

    private static String mac(ClusterModel model, int vm) {
        return new MacAddress(model.vmMac(vm / model.vmsPerNode(), vm % model.vmsPerNode())).toString();
    }
}
