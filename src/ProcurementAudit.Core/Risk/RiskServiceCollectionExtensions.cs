using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ProcurementAudit.Core.Risk;

public static class RiskServiceCollectionExtensions
{
    /// <summary>Indicators (every <see cref="IIndicator"/> of this assembly), settings, synchroniser, scanner and jobs.</summary>
    public static IServiceCollection AddRiskEngine(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new RiskOptions();
        configuration.GetSection("Risk").Bind(options);
        services.AddSingleton(options);
        foreach (var type in typeof(IIndicator).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IIndicator).IsAssignableFrom(t)))
            services.AddSingleton(typeof(IIndicator), type);
        services.AddSingleton<IndicatorCatalog>();
        services.AddScoped<IndicatorSettingsStore>();
        services.AddScoped<FlagSynchronizer>();
        services.AddScoped<RiskScanner>();
        services.AddScoped<RiskJobs>();
        return services;
    }
}
