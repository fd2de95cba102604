package com.bohe.content.editing;

import java.util.Set;

/**
 * The version a change builds on, as its client named it: none named, any version, or one of some versions. A
 * change applies only when the current version is one it expected (see {@link Preconditions}).
 *
 * @param named false when the client named none
 * @param any true when any current version will do
 * @param versions the versions named (none may be current: then the change is refused)
 */
public record ExpectedVersion(boolean named, boolean any, Set<Long> versions) {

    public static final ExpectedVersion NONE = new ExpectedVersion(false, false, Set.of());
    public static final ExpectedVersion ANY = new ExpectedVersion(true, true, Set.of());

    public ExpectedVersion {
        versions = Set.copyOf(versions);
    }

    public static ExpectedVersion oneOf(Set<Long> versions) {
        return new ExpectedVersion(true, false, versions);
    }

    public boolean allows(long current) {
        return !named || any || versions.contains(current);
    }
}
