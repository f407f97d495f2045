using Dashboard.Core.Fleet;

namespace Dashboard.Storage.Fleet;

internal static class FleetMapping
{
    public static void CopyTo(EndpointState state, StoredEndpoint row)
    {
        row.Arn = state.Arn;
        row.Status = state.Status;
        row.ConfigName = state.ConfigName;
        row.CreatedAt = state.CreatedAt;
        row.LastModifiedAt = state.LastModifiedAt;
        row.FailureReason = state.FailureReason;
        row.ObservedAt = state.ObservedAt;

        var variants = state.Variants ?? [];
        var byName = row.Variants.ToDictionary(v => v.Name, StringComparer.Ordinal);
        row.Variants.RemoveAll(v => !variants.Any(s => s.Name == v.Name));
        for (var i = 0; i < variants.Count; i++)
        {
            var source = variants[i];
            if (!byName.TryGetValue(source.Name, out var variant))
            {
                variant = new StoredVariant { EndpointName = state.Name, Name = source.Name };
                row.Variants.Add(variant);
            }
            variant.Ordinal = i;
            variant.InstanceType = source.InstanceType;
            variant.CurrentInstanceCount = source.CurrentInstanceCount;
            variant.DesiredInstanceCount = source.DesiredInstanceCount;
            variant.CurrentWeight = ToColumn(source.CurrentWeight);
            variant.DesiredWeight = ToColumn(source.DesiredWeight);
        }
    }

    public static EndpointState ToState(StoredEndpoint row) => new(
        row.Name,
        row.Arn,
        row.Status,
        row.ConfigName,
        row.CreatedAt,
        row.LastModifiedAt,
        row.FailureReason,
        row.Variants.OrderBy(v => v.Ordinal)
            .Select(v => new VariantState(v.Name, v.InstanceType, v.CurrentInstanceCount, v.DesiredInstanceCount,
                FromColumn(v.CurrentWeight), FromColumn(v.DesiredWeight)))
            .ToList(),
        row.ObservedAt);

    // SQLite keeps no NaN (it becomes NULL, which the column refuses, and the whole fleet would stop saving): a NaN weight
    // SageMaker reported is kept as -Infinity, which no weight can be either, and read back as NaN.
    private static double ToColumn(double weight) => double.IsNaN(weight) ? double.NegativeInfinity : weight;

    private static double FromColumn(double weight) => double.IsNegativeInfinity(weight) ? double.NaN : weight;
}
