namespace AuthServer.Sessions;

public enum SessionRevocationReason
{
    Logout = 1,

    /// <summary>A consumed refresh token came back: treated as theft (RFC 9700 §4.14.2).</summary>
    RefreshTokenReuse = 2,

    /// <summary>The user signed out everywhere.</summary>
    LogoutAll = 3,

    /// <summary>The user ended this session from their list of sessions.</summary>
    EndedByUser = 4,

    /// <summary>The user changed their password, which ends every session.</summary>
    PasswordChanged = 5,

    /// <summary>A client revoked one of the session's tokens at <c>/revoke</c> (RFC 7009).</summary>
    TokenRevoked = 6,

    /// <summary>An administrator disabled the user, which ends every session.</summary>
    UserDisabled = 7,

    /// <summary>An administrator signed the user out everywhere.</summary>
    LogoutAllByAdministrator = 8,
}
