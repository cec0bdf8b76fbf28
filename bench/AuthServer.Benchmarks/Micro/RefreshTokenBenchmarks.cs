using AuthServer.Tokens;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Benchmarks.Micro;

/// <summary>What a refresh token costs before the database: a new random token, its successor (HMAC-SHA256) and the stored hash (SHA-256).</summary>
[MemoryDiagnoser]
public class RefreshTokenBenchmarks : IDisposable
{
    private BenchServer? _server;
    private RefreshTokenCodec _codec = null!;
    private string _token = null!;

    [GlobalSetup]
    public void Start()
    {
        _server = new BenchServer(new Dictionary<string, string>());
        _server.CreateClient().Dispose(); // starts the host: the successor secret is loaded
        _codec = _server.Services.GetRequiredService<RefreshTokenCodec>();
        _token = RefreshTokenCodec.NewToken();
    }

#pragma warning disable CA1822 // BenchmarkDotNet runs instance methods
    [Benchmark]
    public string Generate() => RefreshTokenCodec.NewToken();
#pragma warning restore CA1822

    [Benchmark]
    public string Successor() => _codec.Successor(_token);

    [Benchmark]
    public byte[] Hash() => RefreshTokenCodec.Hash(_token);

    [GlobalCleanup]
    public void Dispose()
    {
        _server?.Dispose();
        _server = null;
        GC.SuppressFinalize(this);
    }
}
