using AuthServer.Data;
using AuthServer.Features;
using AuthServer.Features.SignInPage;
using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.SigningKeys;
using AuthServer.Telemetry;
using AuthServer.Tokens;
using AuthServer.Users;

var builder = WebApplication.CreateBuilder(args);
// Hosted services start one after the other in the order of these calls: the database is migrated, then the
// signing keys and the successor secret are loaded, before the server answers; background passes come last.
builder.AddAuthServerData();        // AuthDbContext on SQLite, migrations on start, the Data Protection key ring
builder.AddAuthServerSigningKeys(); // signing options, keys loaded (the first one created) on start, rotation in the background
builder.AddAuthServerTokens();      // token options, access tokens and JwtBearer, scopes, refresh-token rotation
builder.AddAuthServerSessions();    // revocation and its cache, the user's sessions, pruning in the background
builder.AddAuthServerUsers();       // password hashing and policy, registration, login and its throttle, password change
builder.AddAuthServerTelemetry();   // meter "AuthServer": security counters, live-sessions gauge
builder.AddAuthServerHttp();        // strict snake_case JSON, error bodies for malformed requests, body-size limit, headers, CORS
builder.AddAuthServerSignInPage();  // the sign-in page at /, unless switched off

if (SigningKeysCommand.IsInvoked(args))
{
    builder.Logging.AddFilter(category: null, LogLevel.Warning); // the command prints its own answer
}

var app = builder.Build();
if (StartupRefusal.Check(app.Services) is { } refusal)
{
    return await StartupRefusal.ReportAsync(refusal); // a refused setting: one line naming it and the fix, exit code 1, no stack trace
}

if (SigningKeysCommand.IsInvoked(args))
{
    return await SigningKeysCommand.RunAsync(app, args); // `keys list`, `keys rotate`: run, print, exit
}

app.UseTrustedProxies();  // X-Forwarded-For only from ForwardedHeaders:KnownProxies / KnownNetworks
app.UseSecurityHeaders(); // nosniff everywhere, no-store on auth and account answers, HSTS when this server terminates TLS
app.UseExceptionHandler();
app.UseStatusCodePages(MalformedRequestResponder.WriteAsync);
app.UseRequestBodyLimit();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.MapAuthEndpoints();
return await StartupRefusal.RunAsync(app);
