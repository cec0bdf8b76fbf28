using System.Net;
using System.Net.Http.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

public sealed class RegistrationDisabledTests
{
    [Fact]
    public async Task Register_WhenDisabled_Returns404AndStoresNothing()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:AllowRegistration"] = "false" });
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/register", new { username = "someone", password = TestUser.DefaultPassword });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task Register_WhenDisabled_Returns404EvenForAMalformedBody()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:AllowRegistration"] = "false" });

        var response = await factory.CreateClient().PostAsync("/register", new StringContent("{\"username\":", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
