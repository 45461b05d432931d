using System.Globalization;
using GradingEngine.Batch;
using GradingEngine.Grading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GradingEngine.DependencyInjection;

/// <summary>Registers a <see cref="ProvinceGrader"/> with Microsoft.Extensions.DependencyInjection.</summary>
public static class ProvinceGraderServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="ProvinceGrader"/> for the organisation scheme with this id (for example
    /// <c>org-sanfenlei</c>), taken from the <see cref="SchemeCatalogue"/> that
    /// <see cref="GradingEngineServiceCollectionExtensions.AddGradingEngine(IServiceCollection, System.Action{GradingEngineOptions})"/>
    /// registers; the scheme must link a member list and a team. Runs log to the container's
    /// <see cref="ILogger{TCategoryName}"/> of <see cref="ProvinceGrader"/> when logging is registered.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="organisationSchemeId">The organisation scheme's id.</param>
    /// <param name="threads">Threads of a run (default: every core).</param>
    public static IServiceCollection AddProvinceGrader(this IServiceCollection services, string organisationSchemeId, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(organisationSchemeId);
        if (threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "至少一个线程 (threads must be at least 1)");
        }

        services.AddSingleton(provider =>
        {
            var defaults = new BatchOptions { Logger = provider.GetService<ILogger<ProvinceGrader>>() };
            return new ProvinceGrader(provider.GetRequiredService<SchemeCatalogue>()[organisationSchemeId], threads is { } n ? defaults with { Threads = n } : defaults);
        });
        return services;
    }

    /// <summary>
    /// Registers a singleton <see cref="ProvinceGrader"/> configured by the section given to
    /// <c>AddGradingEngine(IConfiguration)</c>: <c>ProvinceScheme</c> (the organisation scheme's id, default
    /// <c>org-sanfenlei</c>) and <c>Threads</c> (default: every core).
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>Threads</c> is not a whole number of at least 1.</exception>
    public static IServiceCollection AddProvinceGrader(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var id = section["ProvinceScheme"] is { Length: > 0 } s ? s : "org-sanfenlei";
        int? threads = null;
        if (section["Threads"] is { Length: > 0 } text)
        {
            threads = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : throw new InvalidOperationException($"配置“Threads”应为不小于 1 的整数 (setting 'Threads' must be a whole number of at least 1, not '{text}')");
        }

        return services.AddProvinceGrader(id, threads);
    }
}
