using AuthServer.Benchmarks.Load;

namespace AuthServer.Benchmarks.Suite;

/// <summary>One measured run of a scenario and the server CPU time it took.</summary>
internal sealed record Round(LoadResult Load, double ServerCpuMs);
