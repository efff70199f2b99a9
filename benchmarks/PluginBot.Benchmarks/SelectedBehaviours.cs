using MediatR;

namespace PluginBot.Benchmarks;

/// <summary>
/// A MediatR <see cref="ServiceFactory"/> over the real container that changes one thing: the pipeline behaviours
/// one request type sees. Used to tell MediatR's own cost and each kernel behaviour's cost apart.
/// </summary>
internal static class SelectedBehaviours
{
    /// <summary>No behaviours at all: none is resolved, none runs.</summary>
    public static ServiceFactory None(IServiceProvider services, Type requestType, Type responseType)
    {
        var (listType, itemType) = BehaviourTypes(requestType, responseType);
        var empty = Array.CreateInstance(itemType, 0);
        return type => type == listType ? empty : services.GetService(type)!;
    }

    /// <summary>Every kernel behaviour is resolved, as usual; only those whose class name starts with <paramref name="keep"/> run.</summary>
    public static ServiceFactory Only(IServiceProvider services, Type requestType, Type responseType, string keep)
    {
        var (listType, itemType) = BehaviourTypes(requestType, responseType);
        return type =>
        {
            if (type != listType)
            {
                return services.GetService(type)!;
            }

            var kept = ((IEnumerable<object>)services.GetService(type)!).Where(b => b.GetType().Name.StartsWith(keep, StringComparison.Ordinal)).ToArray();
            var typed = Array.CreateInstance(itemType, kept.Length);
            Array.Copy(kept, typed, kept.Length);
            return typed;
        };
    }

    private static (Type List, Type Item) BehaviourTypes(Type requestType, Type responseType)
    {
        var item = typeof(IPipelineBehavior<,>).MakeGenericType(requestType, responseType);
        return (typeof(IEnumerable<>).MakeGenericType(item), item);
    }
}
