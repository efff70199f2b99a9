using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Host.Mediator;

/// <summary>Registers one assembly's request handlers, event handlers, pipeline behaviours, owner authorizers and validators (Scrutor).</summary>
internal static class HandlerScanner
{
    /// <param name="services">Where to register.</param>
    /// <param name="assembly">The assembly to scan.</param>
    /// <param name="includeBehaviours">False for the host itself, whose behaviours are registered in a fixed order.</param>
    public static void Scan(IServiceCollection services, Assembly assembly, bool includeBehaviours = true) =>
        services.Scan(scan => scan.FromAssemblies(assembly)
            .AddClasses(c => c.AssignableTo(typeof(IRequestHandler<,>)), publicOnly: false)
                .AsImplementedInterfaces().WithTransientLifetime()
            .AddClasses(c => c.AssignableTo(typeof(INotificationHandler<>)), publicOnly: false)
                .AsImplementedInterfaces().WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IPipelineBehavior<,>)).Where(_ => includeBehaviours), publicOnly: false)
                .AsImplementedInterfaces().WithTransientLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IRequestAuthorizer<>)), publicOnly: false)
                .AsImplementedInterfaces().WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IValidator<>)), publicOnly: false)
                .As(type => type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
                .WithTransientLifetime());
}
