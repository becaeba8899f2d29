package org.sflowmonitor.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} command-line options of the benchmark commands. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    /** Parses {@code args}; every option must be in {@code known} (flags, which take no value, in {@code flags}). */
    Args(String[] args, Set<String> known, Set<String> flags, String usage) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !(known.contains(name) || flags.contains(name))) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'\n" + usage);
            }
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value\n" + usage);
            }
        }
    }

    /** The options, or the message and usage on standard error and exit status 2 when they are wrong. */
    static Args parseOrExit(String[] args, Set<String> known, Set<String> flags, String usage) {
        try {
            return new Args(args, known, flags, usage);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    double number(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    List<Integer> integers(String name, String fallback) {
        return java.util.Arrays.stream(string(name, fallback).split(",")).map(String::trim)
                .map(Integer::parseInt).toList();
    }
}
