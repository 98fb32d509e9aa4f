using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Runs;

/// <summary>Reads one run with its latest metrics, params, tags, inputs and outputs; deleted runs too.</summary>
public sealed class GetRun(RunLoader loader)
{
    public async Task<Result<RunView>> HandleAsync(string? runId, CancellationToken cancellationToken)
    {
        if (TrackingValidation.RunId(runId) is { } error)
        {
            return error;
        }

        var views = await loader.LoadAsync([runId!], cancellationToken);
        return views.Count == 0 ? RunRules.NotFound(runId!) : views[0];
    }
}
