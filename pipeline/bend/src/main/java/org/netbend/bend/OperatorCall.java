package org.netbend.bend;

import java.io.Serializable;
import java.util.List;

/**
 * One operator as written in a spec: its name and literal arguments (as canonical text), e.g.
 * {@code dilate(4)}, {@code rotate(1,3)}, {@code blend(dilate(4),0.5)}. The arguments of {@code blend}
 * hold the inner call's own canonical text.
 */
public record OperatorCall(String name, List<String> args) implements Serializable {
    public OperatorCall {
        args = List.copyOf(args);
    }

    public String canonical() {
        return args.isEmpty() ? name : name + "(" + String.join(",", args) + ")";
    }

    @Override
    public String toString() { return canonical(); }
}
