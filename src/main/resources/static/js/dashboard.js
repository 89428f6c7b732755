// Draws the month-by-month trends; each bar or point opens the records of that month. The table below works without it.
document.addEventListener('DOMContentLoaded', function () {
  var element = document.getElementById('trend-chart');
  var source = document.getElementById('chart-data');
  if (!element || !source || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(source.textContent);
  var labels = JSON.parse(document.getElementById('chart-labels').textContent);
  var chart = echarts.init(element);
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.sessions, labels.hours] },
    xAxis: { type: 'category', data: data.months },
    yAxis: [{ type: 'value', name: labels.sessions }, { type: 'value', name: labels.hours }],
    series: [
      { name: labels.sessions, type: 'bar', data: data.sessions },
      { name: labels.hours, type: 'line', yAxisIndex: 1, data: data.selfStudyHours }
    ]
  });
  chart.on('click', function (params) {
    // the bars are the month's central-group sessions, the line its self-study records
    var link = (params.seriesIndex === 1 ? data.selfStudyLinks : data.links)[params.dataIndex];
    if (link) {
      window.location.href = link;
    }
  });
  window.addEventListener('resize', function () { chart.resize(); });
});
