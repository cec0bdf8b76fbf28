using AuthServer.Data;
using AuthServer.Features;
using AuthServer.Features.Admin;
using AuthServer.Features.SignInPage;
using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.SigningKeys;
using AuthServer.StatusLists;
using AuthServer.Telemetry;
using AuthServer.Tokens;
using AuthServer.Users;

var builder = WebApplication.CreateBuilder(args);
// Hosted services start one after the other in the order of these calls: the database is migrated, then the signing
// keys and the server's secrets are loaded, all before the server answers. Background services do their first pass later.
builder.AddAuthServerData();        // AuthDbContext on SQLite, migrations on start, the Data Protection key ring
builder.AddAuthServerSigningKeys(); // signing options, keys loaded (the first one created) on start, rotation in the background
builder.AddAuthServerTokens();      // token options, access tokens and JwtBearer, scopes, refresh-token rotation
builder.AddAuthServerStatusLists(); // Token Status Lists: an entry per session, the lists resource servers fetch
builder.AddAuthServerSessions();    // revocation and its cache, the user's sessions, pruning in the background
builder.AddAuthServerUsers();       // password hashing and policy, registration, login and its throttle, password change, roles and administration
builder.AddAuthServerTelemetry();   // meter "AuthServer": security counters, live-sessions gauge
builder.AddAuthServerHttp();        // strict snake_case JSON, error bodies for malformed requests, body-size limit, headers, CORS
builder.AddAuthServerAdmin();       // the admin endpoints' policy: Auth:AdminRole in the token and in the database
builder.AddAuthServerSignInPage();  // the sign-in page at / and the admin page at /admin, unless switched off

if (SigningKeysCommand.IsInvoked(args) || UsersCommand.IsInvoked(args))
{
    builder.Logging.AddFilter(category: null, LogLevel.Warning); // the command prints its own answer
    builder.Logging.AddFilter(UsersCommand.AuditCategory, LogLevel.Information); // but role changes stay audit events
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

if (UsersCommand.IsInvoked(args))
{
    return await UsersCommand.RunAsync(app, args); // `users list`, `users grant-role`, `users revoke-role`: run, print, exit
}

app.UseTrustedProxies();  // X-Forwarded-For only from ForwardedHeaders:KnownProxies / KnownNetworks
app.UseSecurityHeaders(); // nosniff everywhere, no-store on auth and account answers, HSTS when this server terminates TLS
app.UseExceptionHandler();
app.UseResponseCompression();
app.UseStatusCodePages(MalformedRequestResponder.WriteAsync);
app.UseRequestBodyLimit();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.MapAuthEndpoints();
return await StartupRefusal.RunAsync(app);
