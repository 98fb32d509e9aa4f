using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Slipway.Core.Serving.Runtime;

public static class ServingRuntimeServiceCollectionExtensions
{
    /// <summary>Registers the model runtimes (ONNX Runtime, ML.NET) as the <see cref="IModelRuntime"/> enumerable.</summary>
    public static IServiceCollection AddServingRuntimes(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelRuntime, OnnxModelRuntime>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelRuntime, MlnetModelRuntime>());
        return services;
    }
}
