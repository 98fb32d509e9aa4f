using Microsoft.Extensions.Options;

namespace Slipway.Core.Governance.Identity.SignIn;

/// <summary>The throttles of sign-in: per user name, per client address, and per user's second-factor codes.</summary>
public sealed class SignInThrottle(IOptions<SignInOptions> options, TimeProvider time)
{
    public FailureThrottle Users { get; } = new(options.Value.MaxFailuresPerUser, TimeSpan.FromSeconds(options.Value.UserWindowSeconds), time);

    public FailureThrottle Addresses { get; } = new(options.Value.MaxFailuresPerIp, TimeSpan.FromSeconds(options.Value.IpWindowSeconds), time);

    public FailureThrottle MfaCodes { get; } = new(options.Value.MaxMfaFailures, TimeSpan.FromSeconds(options.Value.MfaWindowSeconds), time);
}
