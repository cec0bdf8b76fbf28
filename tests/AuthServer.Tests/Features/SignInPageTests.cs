using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

public sealed class SignInPageTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    [Fact]
    public async Task Root_ServesTheSignInPageWithAStrictContentSecurityPolicy()
    {
        var response = await factory.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("<script type=\"module\" src=\"/app.js\">", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Admin_ServesTheAdminPageWithTheSameContentSecurityPolicy()
    {
        var client = factory.CreateClient();

        var admin = await client.GetAsync("/admin");
        var signIn = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("text/html", admin.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Assert.Single(signIn.Headers.GetValues("Content-Security-Policy")), Assert.Single(admin.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", Assert.Single(admin.Headers.GetValues("X-Frame-Options")));
        var html = await admin.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"/admin.js\">", html);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", await client.GetStringAsync("/admin.js"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin.js", "text/javascript")]
    [InlineData("/auth-client.js", "text/javascript")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    public async Task Assets_AreServedWithTheirContentType(string path, string mediaType)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task SignInPage_WhenDisabled_Is404WithTheAdminPage_ButTheClientModuleIsStillServed()
    {
        using var disabled = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:EnableSignInPage"] = "false" });
        var client = disabled.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/app.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auth-client.js")).StatusCode);
    }
}
