using Slipway.Core.Serving.Runtime;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Serving.Runtime;

/// <summary>The adult-census model loaded once through each runtime, with the signatures the registry's inspector gives.</summary>
public sealed class AdultCensusRuntimesFixture : IAsyncLifetime
{
    private readonly ScratchDirectory scratch = new("slipway-runtime");

    internal ILoadedModel Onnx { get; private set; } = null!;

    internal ILoadedModel Mlnet { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var onnx = await RuntimePackages.InspectAsync(ModelPackages.BareOnnx(scratch.Sub("onnx")));
        var mlnet = await RuntimePackages.InspectAsync(ModelPackages.MlnetZip(scratch.Sub("mlnet")));
        Onnx = new OnnxModelRuntime().Load(onnx, CancellationToken.None);
        Mlnet = new MlnetModelRuntime().Load(mlnet, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Onnx?.Dispose();
        Mlnet?.Dispose();
        scratch.Dispose();
        return Task.CompletedTask;
    }
}
