using GradingEngine.BackEnds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GradingEngine.NRules;

/// <summary>Registers the NRules back end with Microsoft.Extensions.DependencyInjection.</summary>
public static class NRulesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="NRulesBackEnd.Instance"/> as a <see cref="GradingBackEnd"/>, so that a configuration's
    /// <c>"Engine": "nrules"</c> (or <c>UseBackEnd("nrules")</c>) finds it.
    /// </summary>
    public static IServiceCollection AddNRulesBackEnd(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<GradingBackEnd>(NRulesBackEnd.Instance));
        return services;
    }
}
