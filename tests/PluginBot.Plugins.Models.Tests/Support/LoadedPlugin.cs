using System.Reflection;

namespace PluginBot.Plugins.Models.Tests.Support;

/// <summary>
/// The host loads the Models plugin from its plugins folder in a load context of its own, so its types are not the
/// ones this project references: a test that must look at one of its services finds it by name.
/// </summary>
internal static class LoadedPlugin
{
    public static object Service(IServiceProvider services, Type referenced)
    {
        var copies = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name == referenced.Assembly.GetName().Name && a != referenced.Assembly)
            .Select(a => a.GetType(referenced.FullName!))
            .OfType<Type>();
        return copies.Select(services.GetService).OfType<object>().FirstOrDefault()
            ?? throw new InvalidOperationException($"The host has no {referenced.Name} from a loaded Models plugin.");
    }

    public static T Property<T>(object instance, string name) =>
        (T)instance.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(instance)!;
}
