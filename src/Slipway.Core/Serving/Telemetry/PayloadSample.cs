using System.IO.Hashing;
using System.Text;

namespace Slipway.Core.Serving.Telemetry;

/// <summary>
/// Whether a prediction's payloads are kept (<c>log.sample_percent</c>, serving spec §7.2). Decided by a stable hash
/// of the prediction id, never at random, so that a primary and its shadow copies (same id) agree and the decision
/// is the same on every replica and after a restart.
/// </summary>
public static class PayloadSample
{
    public static bool Includes(string predictionId, double percent)
    {
        if (percent >= 100)
        {
            return true;
        }

        if (!(percent > 0))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[256];
        var hash = Encoding.UTF8.TryGetBytes(predictionId, buffer, out var written)
            ? XxHash64.HashToUInt64(buffer[..written])
            : XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(predictionId));
        // Basis points, so that fractional percentages (0.5 %) sample as configured.
        return (double)(hash % 10_000) < percent * 100;
    }
}
