package io.innkeeper.portal.tenant;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One usage graph drawn as an inline SVG polyline: a value per time bucket, oldest first, scaled to the largest
 * value. A missing bucket (no sample) counts as zero.
 */
public record UsageChart(String id, String title, String unit, List<Double> values) {

    static final int WIDTH = 480;
    static final int HEIGHT = 100;

    public UsageChart {
        values = List.copyOf(values);
    }

    public double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    public boolean empty() {
        return max() <= 0;
    }

    /** The polyline's points in the chart's {@value #WIDTH} by {@value #HEIGHT} box, y growing down. */
    public String points() {
        if (values.isEmpty()) {
            return "";
        }
        double top = max() <= 0 ? 1 : max();
        double step = values.size() == 1 ? 0 : (double) WIDTH / (values.size() - 1);
        return IntStream.range(0, values.size())
                .mapToObj(i -> String.format(Locale.ROOT, "%.1f,%.1f", i * step,
                        HEIGHT - values.get(i) / top * HEIGHT))
                .collect(Collectors.joining(" "));
    }

    /** The peak as text, for the chart's label and for screen readers. */
    public String peak() {
        double max = max();
        return String.format(Locale.ROOT, max >= 100 ? "%.0f %s" : "%.2f %s", max, unit);
    }
}
