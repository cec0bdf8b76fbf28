using System.Diagnostics.Metrics;
using AuthServer.Sessions;

namespace AuthServer.Telemetry;

/// <summary>
/// The security counters of the meter <see cref="MeterName"/>, readable with <c>dotnet-counters monitor -n AuthServer --counters AuthServer</c>
/// or an OpenTelemetry exporter. The live-sessions gauge is <see cref="LiveSessionsGauge"/>.
/// </summary>
public sealed class AuthMetrics
{
    public const string MeterName = "AuthServer";

    private readonly Counter<long> _logins;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _reuseDetections;
    private readonly Counter<long> _revocations;
    private readonly Counter<long> _passwordChanges;
    private readonly Counter<long> _adminActions;

    public AuthMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _logins = meter.CreateCounter<long>("authserver.logins", "{login}", "Password logins, by outcome: succeeded, failed, throttled, disabled, shed.");
        _refreshes = meter.CreateCounter<long>(
            "authserver.refreshes", "{refresh}", "Refresh token presentations, by outcome: rotated, repeated (within the leeway), refused, reused.");
        _reuseDetections = meter.CreateCounter<long>(
            "authserver.refresh_token_reuse_detections", "{detection}", "Consumed refresh tokens that came back and revoked their session.");
        _revocations = meter.CreateCounter<long>(
            "authserver.session_revocations", "{session}", "Sessions revoked, by reason: logout, logout_all, ended_by_user, password_changed, refresh_token_reuse, token_revoked, user_disabled, admin_logout_all.");
        _passwordChanges = meter.CreateCounter<long>(
            "authserver.password_changes", "{change}", "Password change attempts, by outcome: succeeded, wrong_password, policy_violation, throttled, refused (changed by another request meanwhile), shed.");
        _adminActions = meter.CreateCounter<long>(
            "authserver.admin_actions", "{action}",
            "Administrators' actions, by action (list_users, grant_role, revoke_role, disable, enable, logout_all) and outcome (succeeded, unchanged, not_found, conflict, invalid_request).");
    }

    public void Login(string outcome) => _logins.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Refresh(string outcome) => _refreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void ReuseDetected() => _reuseDetections.Add(1);

    public void PasswordChange(string outcome) => _passwordChanges.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void AdminAction(string action, string outcome) =>
        _adminActions.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("outcome", outcome));

    public void SessionsRevoked(SessionRevocationReason reason, int count)
    {
        if (count > 0)
        {
            _revocations.Add(count, new KeyValuePair<string, object?>("reason", ReasonTag(reason)));
        }
    }

    private static string ReasonTag(SessionRevocationReason reason) => reason switch
    {
        SessionRevocationReason.Logout => "logout",
        SessionRevocationReason.LogoutAll => "logout_all",
        SessionRevocationReason.EndedByUser => "ended_by_user",
        SessionRevocationReason.PasswordChanged => "password_changed",
        SessionRevocationReason.RefreshTokenReuse => "refresh_token_reuse",
        SessionRevocationReason.TokenRevoked => "token_revoked",
        SessionRevocationReason.UserDisabled => "user_disabled",
        SessionRevocationReason.LogoutAllByAdministrator => "admin_logout_all",
        _ => "other",
    };
}
