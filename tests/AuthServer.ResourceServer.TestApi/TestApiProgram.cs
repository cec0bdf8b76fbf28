using System.Globalization;
using System.Security.Claims;

namespace AuthServer.ResourceServer.TestApi;

/// <summary>
/// An API as a team writes it with the package. Settings: <c>AuthServer:Authority</c>, <c>AuthServer:Audience</c>,
/// <c>AuthServer:Algorithm</c> and <c>AuthServer:StatusListGracePeriod</c>. Not called Program, so that tests can use
/// AuthServer's own <c>Program</c> beside it.
/// </summary>
public static class TestApiProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = builder.Configuration.GetSection("AuthServer");
        builder.Services.AddAuthentication().AddAuthServerJwtBearer(o =>
        {
            o.Authority = settings["Authority"];
            o.Audience = settings["Audience"];
            o.Algorithm = settings["Algorithm"] ?? "ES256";
            o.RequireHttpsMetadata = false;
            o.StatusListGracePeriod = TimeSpan.Parse(settings["StatusListGracePeriod"] ?? "00:05:00", CultureInfo.InvariantCulture);
        });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/anonymous", () => "Here is something for anyone.");
        app.MapGet("/orders", (ClaimsPrincipal user) => new { user = user.FindFirstValue("sub"), name = user.Identity?.Name }).RequireAuthorization();
        app.MapGet("/editors", (ClaimsPrincipal user) => new { user = user.FindFirstValue("sub") }).RequireAuthorization(p => p.RequireRole("editor"));
        app.Run();
    }
}
