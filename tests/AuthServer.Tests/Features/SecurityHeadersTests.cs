using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Net.Sockets;
using System.Text;
using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace AuthServer.Tests.Features;

/// <summary>
/// API.md, Conventions: every answer carries <c>X-Content-Type-Options: nosniff</c> and no <c>Server</c> header; every
/// answer of an auth or account endpoint carries <c>Cache-Control: no-store</c>, the bare 400/413/415 and the 401
/// challenge too. On real Kestrel, where the <c>Server</c> header would come from.
/// </summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private LoopbackAuthServer _server = null!;

    public Task InitializeAsync()
    {
        _server = LoopbackAuthServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryKindOfAnswer_CarriesNosniffAndNoServerHeader()
    {
        var client = _server.Client;
        var tokens = await client.LoginAsync();
        HttpResponseMessage[] answers =
        [
            await client.GetProtectedAsync(tokens.AccessToken),
            await client.GetAsync("/protected-resource"),
            await client.GetAsync("/.well-known/jwks.json"),
            await client.GetAsync("/.well-known/openid-configuration"),
            await client.GetAsync("/health"),
            await client.GetAsync("/no-such-path"),
            await client.GetAsync("/"),
            await client.PostAsync("/login", new StringContent("{", Encoding.UTF8, "application/json")),
        ];

        foreach (var answer in answers)
        {
            var what = $"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri!.AbsolutePath} ({(int)answer.StatusCode})";
            Assert.True(answer.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", $"{what}: no nosniff");
            Assert.False(answer.Headers.Contains("Server"), $"{what}: Server: {string.Join(",", answer.Headers.Server)}");
        }
    }

    [Fact]
    public async Task EveryAnswerOfTheAuthAndAccountEndpoints_IsNoStore_ErrorsAndChallengesToo()
    {
        var client = _server.Client;
        var user = TestUser.Unique();
        var register = await client.PostAsJsonAsync("/register", new { username = user.Username, password = user.Password });
        var taken = await client.PostAsJsonAsync("/register", new { username = user.Username, password = user.Password });
        var tokens = await client.LoginAsync(user);
        HttpResponseMessage[] answers =
        [
            register,
            taken,
            await client.SendWithTokenAsync(HttpMethod.Get, "/sessions", tokens.AccessToken),
            await client.GetProtectedAsync(tokens.AccessToken),
            await client.GetAsync("/sessions"),                                         // 401 challenge, no token
            await client.GetProtectedAsync("not-a-token"),                             // 401 challenge, a bad token
            await client.PostAsync("/logout-all", null),                               // 401 challenge
            await client.PostAsync("/login", new StringContent("{", Encoding.UTF8, "application/json")),        // bare 400
            await client.PostAsync("/register", new StringContent("{}", Encoding.UTF8, "text/plain")),         // 415
            await client.PostAsJsonAsync("/refresh-token", new { refresh_token = new string('a', 1_000_000) }), // 413
            await client.PostAsync("/token", new StringContent("grant_type=password", Encoding.ASCII, "application/x-www-form-urlencoded")),
            await client.PostAsync("/revoke", new StringContent("token=x", Encoding.ASCII, "application/x-www-form-urlencoded")),
            await client.PostLogoutAsync(),
            await client.SendWithTokenAsync(HttpMethod.Delete, $"/sessions/{Guid.NewGuid()}", tokens.AccessToken),
        ];

        foreach (var answer in answers)
        {
            var what = $"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri!.AbsolutePath} ({(int)answer.StatusCode})";
            Assert.True(answer.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control: {answer.Headers.CacheControl}");
            Assert.True(answer.Headers.Pragma.ToString() == "no-cache", $"{what}: Pragma: {answer.Headers.Pragma}");
        }
    }

    [Fact]
    public async Task Production_TerminatingTlsItself_SendsHstsAndRedirectsHttpToHttps()
    {
        using var certificate = SelfSignedCertificate();
        var (httpPort, httpsPort) = (FreePort(), FreePort());
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:Issuer"] = $"https://127.0.0.1:{httpsPort}" }) { Environment = "Production" };
        factory.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, httpPort);
            options.Listen(IPAddress.Loopback, httpsPort, listen => listen.UseHttps(certificate));
        });
        factory.StartServer();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler);

        var overTls = await client.GetAsync($"https://127.0.0.1:{httpsPort}/health");
        var overHttp = await client.GetAsync($"http://127.0.0.1:{httpPort}/health");

        Assert.Equal(HttpStatusCode.OK, overTls.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(overTls.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(HttpStatusCode.PermanentRedirect, overHttp.StatusCode);
        Assert.Equal($"https://127.0.0.1:{httpsPort}/health", overHttp.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Production_BehindAProxyOnPlainHttp_NeitherRedirectsNorSendsHsts()
    {
        var port = FreePort();
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:Issuer"] = "https://auth.example" }) { Environment = "Production" };
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        using var client = new HttpClient();

        var answer = await client.GetAsync($"http://127.0.0.1:{port}/health");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Strict-Transport-Security"));
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
