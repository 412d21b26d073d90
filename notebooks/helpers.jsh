// Helpers shared by the notebooks, loaded with `%load helpers.jsh` (Jupyter runs a notebook in its own folder).
// They only ever collect small, already aggregated results to the driver.
// (Only // comments here: the kernel's %load does not cope with block comments.)
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

// One cell value as HTML text: Scala collections as [a, b], doubles with 3 decimals, null in italics.
String cellHtml(Object v) {
  if (v == null) return "<i>null</i>";
  String s = v instanceof scala.collection.Map<?, ?> m ? m.mkString("{", ", ", "}")
      : v instanceof scala.collection.Iterable<?> it ? it.mkString("[", ", ", "]")
      : v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d)
      : String.valueOf(v);
  return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
}

// Shows at most maxRows rows of a small result as an HTML table: table(df) or table(df, maxRows).
// (Overloads never call each other here: the kernel leaves such calls unresolved.)
void htmlTable(Dataset<Row> df, int maxRows) {
  List<Row> rows = df.limit(maxRows + 1).collectAsList();
  StringBuilder html = new StringBuilder("<table><thead><tr>");
  for (String c : df.columns()) html.append("<th style=\"text-align:left\">").append(cellHtml(c)).append("</th>");
  html.append("</tr></thead><tbody>");
  for (Row r : rows.subList(0, Math.min(rows.size(), maxRows))) {
    html.append("<tr>");
    for (int i = 0; i < r.length(); i++) html.append("<td style=\"text-align:left\">").append(cellHtml(r.get(i))).append("</td>");
    html.append("</tr>");
  }
  html.append("</tbody></table>");
  if (rows.isEmpty()) html.append("<p><i>(no rows)</i></p>");
  if (rows.size() > maxRows) html.append("<p><i>(first ").append(maxRows).append(" rows)</i></p>");
  display("text/html", html.toString());
}

void table(Dataset<Row> df, int maxRows) {
  htmlTable(df, maxRows);
}

void table(Dataset<Row> df) {
  htmlTable(df, 30);
}

// A category dataset from a small result: one row per (series, category, value).
DefaultCategoryDataset categoryData(Dataset<Row> df, String seriesCol, String categoryCol, String valueCol) {
  DefaultCategoryDataset data = new DefaultCategoryDataset();
  for (Row r : df.select(seriesCol, categoryCol, valueCol).collectAsList()) {
    data.addValue(r.isNullAt(2) ? null : ((Number) r.get(2)).doubleValue(), String.valueOf(r.get(0)), String.valueOf(r.get(1)));
  }
  return data;
}

// White background, light grid lines, flat bars; a legend only when there is more than one series.
JFreeChart styled(JFreeChart chart) {
  chart.setBackgroundPaint(Color.WHITE);
  chart.getTitle().setFont(new Font("SansSerif", Font.BOLD, 15));
  CategoryPlot plot = chart.getCategoryPlot();
  plot.setBackgroundPaint(Color.WHITE);
  plot.setRangeGridlinePaint(new Color(0xDDDDDD));
  plot.setOutlineVisible(false);
  if (plot.getRenderer() instanceof BarRenderer bars) {
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    bars.setMaximumBarWidth(0.12);
  }
  if (plot.getRenderer() instanceof LineAndShapeRenderer lines) {
    lines.setDefaultShapesVisible(true);
    for (int i = 0; i < plot.getDataset().getRowCount(); i++) lines.setSeriesStroke(i, new BasicStroke(2.5f));
  }
  if (chart.getLegend() != null) chart.getLegend().setVisible(plot.getDataset().getRowCount() > 1);
  return chart;
}

JFreeChart barChart(String title, String categoryLabel, String valueLabel, DefaultCategoryDataset data, boolean horizontal) {
  return styled(ChartFactory.createBarChart(title, categoryLabel, valueLabel, data,
      horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL, true, false, false));
}

JFreeChart lineChart(String title, String categoryLabel, String valueLabel, DefaultCategoryDataset data) {
  JFreeChart chart = styled(ChartFactory.createLineChart(title, categoryLabel, valueLabel, data,
      PlotOrientation.VERTICAL, true, false, false));
  chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
  return chart;
}

// Renders a chart as a PNG image in the cell's output: show(chart) or show(chart, width, height).
void show(JFreeChart chart, int width, int height) {
  display(chart.createBufferedImage(width, height));
}

void show(JFreeChart chart) {
  display(chart.createBufferedImage(760, 380));
}
