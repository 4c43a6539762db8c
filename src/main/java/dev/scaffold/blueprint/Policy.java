package dev.scaffold.blueprint;

import java.util.List;

/** What the blueprint says about policy: the findings it waives. */
public record Policy(List<Waiver> waivers) {

    public Policy {
        waivers = List.copyOf(waivers);
    }
}
