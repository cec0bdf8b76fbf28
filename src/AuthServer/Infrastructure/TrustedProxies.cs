using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AuthServer.Infrastructure;

/// <summary>
/// Forwarded headers only from configured proxies (<see cref="TrustedProxyOptions"/>). The client address that the login
/// throttle, the registration limit, sessions and the audit log use is then the one the proxy saw; without configured
/// proxies it is the address that connects. <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, which would believe any sender, is
/// held to the same list: with none configured it changes nothing.
/// </summary>
public static class TrustedProxies
{
    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrustedProxyOptions>()
            .BindConfiguration(TrustedProxyOptions.SectionName)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)),
                "ForwardedHeaders:KnownProxies must list IP addresses of your proxies, such as 10.0.0.5.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "ForwardedHeaders:KnownNetworks must list networks in CIDR notation, such as 10.0.0.0/8.")
            .ValidateOnStart();

        // After every other configuration, the ASPNETCORE_FORWARDEDHEADERS_ENABLED one included, which clears both lists.
        builder.Services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            var any = forwarded.KnownProxies.Count + forwarded.KnownIPNetworks.Count > 0;
            // With both lists empty the middleware would believe every sender: then it reads nothing at all.
            forwarded.ForwardedHeaders = any ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            // Walk back through every trusted hop, and stop at the first address that is not one.
            forwarded.ForwardLimit = null;
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the client the trusted proxy saw.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var trusted = app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value;
        if (trusted.KnownProxies.Count + trusted.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
