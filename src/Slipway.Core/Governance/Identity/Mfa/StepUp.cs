using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.Mfa;

/// <summary>
/// The step-up check (governance.md §6.6, GitHub's "sudo mode"): sensitive actions need a second factor proved
/// within a window, <see cref="AuthOptions.StepUpMinutes"/> (15 minutes) unless the action names its own. A session
/// gets it from <c>POST /api/v1/auth/step-up</c> or a sign-in with MFA; a token never has it, so token callers
/// send a code with the action instead.
/// </summary>
public sealed class StepUp(IOptions<AuthOptions> options, TimeProvider time)
{
    public TimeSpan DefaultWindow => TimeSpan.FromMinutes(options.Value.StepUpMinutes);

    /// <summary>Null when <paramref name="principal"/> proved MFA within the default window, else <c>MFA_STEP_UP_REQUIRED</c> (403).</summary>
    public Error? Require(SlipwayPrincipal principal) => Require(principal, DefaultWindow);

    public Error? Require(SlipwayPrincipal principal, TimeSpan window) =>
        principal.MfaAt is { } at && time.GetUtcNow().ToUnixTimeMilliseconds() - at <= (long)window.TotalMilliseconds
            ? null
            : IdentityErrors.StepUpRequired;
}
