// Each test class hosts the service with Hangfire, whose configuration is process-wide: a host disposed while
// another runs leaves the survivor's job client on a disposed logger factory. Classes therefore run one at a time
// (which also suits the 2-core machines).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
