// Call resolution through `export * from`: the middle level.
export * from "./kvm-impl";
