using System.Security.Cryptography;
using AuthServer.ResourceServer;
using AuthServer.Sessions;
using AuthServer.Tokens;
using AuthServer.Users;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Benchmarks.Micro;

/// <summary>
/// An access token signed by the server's own <see cref="AccessTokenIssuer"/>, and validated as <c>/protected-resource</c>
/// validates it: with JwtBearer's parameters, by a plain <see cref="JsonWebTokenHandler"/> (every presentation verified) and
/// by the <see cref="VerifiedTokenHandler"/> the server uses (a repeat presentation is a look-up).
/// </summary>
[MemoryDiagnoser]
public class AccessTokenBenchmarks : IDisposable
{
    private BenchServer? _server;
    private AccessTokenIssuer _issuer = null!;
    private TokenValidationParameters _parameters = null!;
    private JsonWebTokenHandler _verifyEveryTime = null!;
    private TokenHandler _verifyOnce = null!;
    private User _user = null!;
    private Session _session = null!;
    private string _token = null!;

    [Params("ES256", "RS256", "HS256")]
    public string Algorithm { get; set; } = "ES256";

    [GlobalSetup]
    public void Start()
    {
        var settings = new Dictionary<string, string> { ["Auth:SigningAlgorithm"] = Algorithm };
        if (Algorithm == "HS256")
        {
            settings["Auth:SigningSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        }

        _server = new BenchServer(settings);
        _server.CreateClient().Dispose(); // starts the host: the keys are loaded
        _issuer = _server.Services.GetRequiredService<AccessTokenIssuer>();
        var bearer = _server.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        _parameters = bearer.TokenValidationParameters;
        _verifyOnce = bearer.TokenHandlers.Single();
        _verifyEveryTime = new JsonWebTokenHandler { MapInboundClaims = false };
        _user = new User { Id = Guid.NewGuid(), Username = "bench", NormalizedUsername = "bench", PasswordHash = "-", Roles = [new UserRole { Name = "editor" }] };
        _session = new Session { Id = Guid.NewGuid(), UserId = _user.Id, ExpiresAtUtc = DateTime.UtcNow.AddDays(30), StatusList = 0, StatusIndex = 4711 };
        _token = Create();
    }

    [Benchmark]
    public string Create() => _issuer.Issue(_user, _session, "resource.read", DateTime.UtcNow.AddDays(7)).Token;

    [Benchmark]
    public async Task<bool> Validate() => (await _verifyEveryTime.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark]
    public async Task<bool> ValidateRepeat() => (await _verifyOnce.ValidateTokenAsync(_token, _parameters)).IsValid;

    [GlobalCleanup]
    public void Dispose()
    {
        _server?.Dispose();
        _server = null;
        GC.SuppressFinalize(this);
    }
}
