using System.Net;
using AuthServer.ResourceServer;
using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthServer.Tests.ResourceServer;

/// <summary>What the AuthServer.ResourceServer package accepts as settings, and how it fetches.</summary>
public sealed class ResourceServerOptionsTests
{
    [Fact]
    public async Task HS256_IsRefusedAtStart_BecauseAuthServerPublishesNoKeyForIt()
    {
        using var server = new AuthServerFactory();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => InProcessApi.StartAsync(server, o => o.Algorithm = "HS256"));

        Assert.Contains("must be ES256 or RS256", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAHandlerOfItsOwn_TheBackchannelAcceptsCompressedAnswers()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAuthentication().AddAuthServerJwtBearer(o =>
        {
            o.Authority = "https://auth.example";
            o.Audience = "orders-api";
        });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        var handler = Assert.IsType<SocketsHttpHandler>(options.BackchannelHttpHandler);
        Assert.Equal(DecompressionMethods.All, handler.AutomaticDecompression);
    }
}
