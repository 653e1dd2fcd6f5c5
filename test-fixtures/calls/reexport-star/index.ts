// Call resolution through `export * from`: functions and locks, two levels deep (index -> api -> impl).
export * from "./api";
export * from "./locks";
