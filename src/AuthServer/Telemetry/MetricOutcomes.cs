namespace AuthServer.Telemetry;

/// <summary>The values of the <c>outcome</c> tag on <see cref="AuthMetrics"/>' counters.</summary>
public static class MetricOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Throttled = "throttled";
    public const string Shed = "shed";
    public const string Rotated = "rotated";
    public const string Repeated = "repeated";
    public const string Refused = "refused";
    public const string Reused = "reused";
    public const string WrongPassword = "wrong_password";
    public const string PolicyViolation = "policy_violation";
    public const string Disabled = "disabled";
    public const string Unchanged = "unchanged";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string InvalidRequest = "invalid_request";
}
