using System.Globalization;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity;

/// <summary>The errors of identity, sign-in and MFA, each with a stable code.</summary>
public static class IdentityErrors
{
    public const string InvalidCredentialsCode = "invalid_credentials";
    public const string MfaRequiredCode = "mfa_required";
    public const string MfaEnrollmentRequiredCode = "mfa_enrollment_required";
    public const string InvalidMfaCodeCode = "invalid_mfa_code";
    public const string LoginThrottledCode = "login_throttled";
    public const string MfaThrottledCode = "mfa_throttled";
    public const string StepUpRequiredCode = "MFA_STEP_UP_REQUIRED";
    public const string LastAdminCode = "last_platform_admin";

    /// <summary>The same answer for an unknown user, a wrong password and a user without a password.</summary>
    public static Error InvalidCredentials { get; } = new(ErrorKind.Unauthenticated, InvalidCredentialsCode, "The user name or password is wrong.");

    public static Error MfaRequired { get; } = new(ErrorKind.Unauthenticated, MfaRequiredCode,
        "This account uses MFA: send totp_code (or a recovery_code) with the user name and password.");

    public static Error MfaEnrollmentRequired { get; } = new(ErrorKind.Forbidden, MfaEnrollmentRequiredCode,
        "Platform admins and approvers sign in with a password only once MFA is enrolled: enrol with an API token (POST /api/v1/users/me/mfa/totp, then .../confirm).");

    public static Error InvalidMfaCode { get; } = new(ErrorKind.Unauthenticated, InvalidMfaCodeCode, "The TOTP or recovery code is wrong, expired or already used.");

    public static Error MfaNotEnabled { get; } = new(ErrorKind.Conflict, "mfa_not_enabled", "MFA is not enabled for this user.");

    public static Error MfaAlreadyEnabled { get; } = new(ErrorKind.Conflict, "mfa_already_enabled", "MFA is already enabled; disable it first to enrol a new authenticator.");

    public static Error NoPendingEnrollment { get; } = new(ErrorKind.Conflict, "no_pending_enrollment", "No TOTP enrolment is in progress: start one with POST /api/v1/users/me/mfa/totp.");

    public static Error StepUpRequired { get; } = new(ErrorKind.Forbidden, StepUpRequiredCode,
        "This action needs a recent second factor: call POST /api/v1/auth/step-up with a TOTP or recovery code, or send one in this request.");

    public static Error StepUpNeedsSession { get; } = new(ErrorKind.Invalid, "step_up_needs_session",
        "Step-up marks a browser session; a token caller proves MFA by sending totp_code or recovery_code with the action itself.");

    public static Error LastAdmin { get; } = new(ErrorKind.Conflict, LastAdminCode, "The last active platform admin cannot be deactivated, demoted or deleted.");

    public static Error ServiceAccountPassword { get; } = new(ErrorKind.Invalid, "service_account_password", "Service accounts never have a password; they use API tokens.", "password");

    public static Error NoCurrentPassword { get; } = new(ErrorKind.Invalid, "no_current_password",
        "This user has no password yet; a platform admin sets the first one (PUT /api/v1/users/{name}/password).", "current_password");

    public static Error WrongCurrentPassword { get; } = new(ErrorKind.Invalid, "wrong_current_password", "The current password is wrong.", "current_password");

    public static Error UserNotFound(string name) => Error.NotFound($"No user is named '{name}'.");

    public static Error GroupNotFound(string name) => Error.NotFound($"No group is named '{name}'.");

    public static Error LoginThrottled(TimeSpan retryAfter) => new(ErrorKind.TooManyRequests, LoginThrottledCode,
        $"Too many failed sign-ins; try again in {Seconds(retryAfter)} seconds.");

    public static Error MfaThrottled(TimeSpan retryAfter) => new(ErrorKind.TooManyRequests, MfaThrottledCode,
        $"Too many wrong codes; try again in {Seconds(retryAfter)} seconds.");

    /// <summary>Whole seconds, rounded up, for Retry-After.</summary>
    public static string Seconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
