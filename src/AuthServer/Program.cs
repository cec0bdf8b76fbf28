using System.Text.Json;
using AuthServer.Data;
using AuthServer.Features;
using AuthServer.Features.SignInPage;
using AuthServer.Infrastructure;
using AuthServer.Telemetry;
using AuthServer.Tokens;
using AuthServer.Users;

var builder = WebApplication.CreateBuilder(args);
builder.AddAuthServerData();     // AuthDbContext on SQLite, migrations on start
builder.AddAuthServerUsers();    // password hashing and policy, registration, login throttle
builder.AddAuthServerTokens();   // options validated on start, signing keys, rotation, JwtBearer
builder.AddAuthServerTelemetry(); // meter "AuthServer": security counters, live-sessions gauge
builder.AddRequestBodyLimit();   // Kestrel:Limits:MaxRequestBodySize, for Kestrel and any other server
builder.AddAuthServerCors();     // off unless Cors:AllowedOrigins lists origins
builder.Services.AddOptions<SignInPageOptions>().BindConfiguration(SignInPageOptions.SectionName);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false); // a bad body is a 400, also in Development
builder.Services.AddProblemDetails();

if (SigningKeysCommand.IsInvoked(args))
{
    builder.Logging.AddFilter(category: null, LogLevel.Warning); // the command prints its own answer
}

var app = builder.Build();
if (SigningKeysCommand.IsInvoked(args))
{
    return await SigningKeysCommand.RunAsync(app, args); // `keys list`, `keys rotate`: run, print, exit
}

app.UseExceptionHandler();
app.UseStatusCodePages(MalformedRequestResponder.WriteAsync);
app.UseRequestBodyLimit();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.MapAuthEndpoints();
app.Run();
return 0;
