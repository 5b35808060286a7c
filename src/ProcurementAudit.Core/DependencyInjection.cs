using FluentValidation;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Risk;

namespace ProcurementAudit.Core;

public static class DependencyInjection
{
    /// <summary>Registers the database, MediatR 5 with its behaviours, validators and the clock.</summary>
    public static IServiceCollection AddProcurementAuditCore(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseOptions.From(configuration);
        services.AddSingleton(database);
        services.AddScoped<AuditTrailWriter>();
        services.AddDbContext<AuditDbContext>((sp, builder) => database.Apply(builder, sp.GetRequiredService<AuditTrailWriter>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ICurrentActor>(_ => new SystemActor());
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, includeInternalTypes: true);
        services.AddMediatR5(typeof(DependencyInjection).Assembly);
        services.AddSingleton(Competitions.CompetitionOptions.From(configuration));
        services.AddScoped<Demo.DemoDataSeeder>();
        services.AddRiskEngine(configuration);
        services.AddScoped<Ocds.Import.OcdsImporter>();
        services.AddScoped<Ocds.Import.ImportJobRunner>();
        services.TryAddSingleton<Ocds.Import.ChannelImportJobQueue>();
        services.TryAddSingleton<Ocds.Import.IImportJobQueue>(sp => sp.GetRequiredService<Ocds.Import.ChannelImportJobQueue>());
        return services;
    }

    /// <summary>
    /// MediatR 5's DI package does not restore here, so handlers are registered by scanning, the way it did.
    /// </summary>
    private static void AddMediatR5(this IServiceCollection services, System.Reflection.Assembly assembly)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        Type[] handlerInterfaces = [typeof(IRequestHandler<,>), typeof(INotificationHandler<>)];
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && handlerInterfaces.Contains(i.GetGenericTypeDefinition())))
            {
                if (contract.GetGenericTypeDefinition() == typeof(INotificationHandler<>))
                    services.AddTransient(contract, type);
                else
                    services.TryAddTransient(contract, type);
            }
        }
    }
}
