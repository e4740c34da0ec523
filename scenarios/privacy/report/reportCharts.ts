/**
 * The report's charts, drawn in the page with the inlined d3 from the JSON the page carries
 * (`#varv-report-data`): risk bars with intervals, D↔sys per scope, unicity against p, the
 * occupancy histogram and the privacy–utility frontier. Each chart's figure gets
 * `data-drawn="true"` once drawn. Plain ES2019, no network, no timers.
 */
export const REPORT_CHARTS = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('varv-report-data').textContent);
  var COLORS = { green: '#2e7d32', amber: '#a15c00', red: '#c62828' };
  var W = 760;
  function fmt(x) { return x == null || !isFinite(x) ? '—' : (Math.abs(x) >= 10 ? d3.format('.0f')(x) : d3.format('.2~g')(x)); }
  function svgIn(id, height) {
    var fig = d3.select('#' + id);
    if (fig.empty()) return null;
    return { fig: fig, svg: fig.insert('svg', 'figcaption').attr('viewBox', '0 0 ' + W + ' ' + height).attr('role', 'img').attr('aria-label', fig.attr('data-label') || id) };
  }
  function done(c) { c.fig.attr('data-drawn', 'true'); }
  function threshold(g, x, y0, y1, label, dash) {
    g.append('line').attr('x1', x).attr('x2', x).attr('y1', y0).attr('y2', y1).attr('stroke', '#111').attr('stroke-dasharray', dash || '4 3');
    if (label) g.append('text').attr('x', x + 3).attr('y', y0 + 10).text(label);
  }

  function riskBars(id, figs) {
    if (!figs.length) return;
    var m = { l: 330, r: 20, t: 22, b: 30 }, row = 22;
    var h = m.t + m.b + row * figs.length;
    var c = svgIn(id, h); if (!c) return;
    var x = d3.scaleLinear().domain([0, 1]).range([m.l, W - m.r]);
    var y = d3.scaleBand().domain(figs.map(function (f) { return f.id; })).range([m.t, h - m.b]).padding(0.25);
    var g = c.svg.append('g');
    g.append('g').attr('class', 'axis').attr('transform', 'translate(0,' + (h - m.b) + ')').call(d3.axisBottom(x).ticks(10));
    figs.forEach(function (f) {
      var yy = y(f.id), bh = y.bandwidth();
      g.append('text').attr('x', m.l - 6).attr('y', yy + bh / 2 + 4).attr('text-anchor', 'end').text(f.name.replace(/ \(residual risk\)$/, ''));
      g.append('rect').attr('class', 'bar').attr('x', x(0)).attr('y', yy).attr('width', Math.max(1, x(f.value) - x(0))).attr('height', bh).attr('fill', COLORS[f.rating]).attr('opacity', 0.85);
      g.append('line').attr('class', 'whisker').attr('x1', x(f.low)).attr('x2', x(f.high)).attr('y1', yy + bh / 2).attr('y2', yy + bh / 2).attr('stroke', '#111').attr('stroke-width', 1.5);
      g.append('line').attr('x1', x(f.threshold)).attr('x2', x(f.threshold)).attr('y1', yy - 2).attr('y2', yy + bh + 2).attr('stroke', '#111').attr('stroke-width', 2);
      if (f.accepted) g.append('line').attr('x1', x(f.accepted.threshold)).attr('x2', x(f.accepted.threshold)).attr('y1', yy - 2).attr('y2', yy + bh + 2).attr('stroke', '#777').attr('stroke-width', 2).attr('stroke-dasharray', '2 2');
      var inside = x(f.high) + 40 > W - m.r;
      g.append('text').attr('x', inside ? x(f.low) - 4 : x(f.high) + 4).attr('y', yy + bh / 2 + 4).attr('text-anchor', inside ? 'end' : 'start').attr('fill', inside ? '#fff' : null).style('fill', inside ? '#fff' : null).text(fmt(f.value));
    });
    g.append('text').attr('x', 4).attr('y', 12).text('residual risk \u2014 bar: estimate; whisker: 95% interval; black tick: default threshold; grey dashed tick: the configuration\u2019s own tolerance');
    done(c);
  }

  function dsys(id, figs) {
    var scopes = [];
    figs.forEach(function (f) { var s = f.id.split('.')[1]; if (scopes.indexOf(s) < 0) scopes.push(s); });
    if (!scopes.length) return;
    var m = { l: 60, r: 20, t: 24, b: 40 }, h = 260;
    var c = svgIn(id, h); if (!c) return;
    var x0 = d3.scaleBand().domain(scopes).range([m.l, W - m.r]).padding(0.25);
    var x1 = d3.scaleBand().domain(['one', 'prior']).range([0, x0.bandwidth()]).padding(0.1);
    var y = d3.scaleLinear().domain([0, 1]).range([h - m.b, m.t]);
    var g = c.svg.append('g');
    var SCOPE = { interval: 'same part of the day, another day', intervals: 'another part of the day', days: 'another day', epochs: 'across key epochs', stores: 'across stores' };
    g.append('g').attr('class', 'axis').attr('transform', 'translate(0,' + (h - m.b) + ')').call(d3.axisBottom(x0).tickFormat(function (s) { return SCOPE[s] || s; }));
    g.append('g').attr('class', 'axis').attr('transform', 'translate(' + m.l + ',0)').call(d3.axisLeft(y).ticks(5));
    figs.forEach(function (f) {
      var p = f.id.split('.'), xx = x0(p[1]) + x1(p[2]);
      g.append('rect').attr('class', 'bar').attr('x', xx).attr('y', y(f.value)).attr('width', x1.bandwidth()).attr('height', Math.max(1, y(0) - y(f.value))).attr('fill', COLORS[f.rating]).attr('opacity', p[2] === 'one' ? 0.9 : 0.5);
      g.append('line').attr('x1', xx + x1.bandwidth() / 2).attr('x2', xx + x1.bandwidth() / 2).attr('y1', y(f.low)).attr('y2', y(f.high)).attr('stroke', '#111');
      g.append('text').attr('x', xx + x1.bandwidth() / 2).attr('y', y(f.value) - 4).attr('text-anchor', 'middle').text((p[2] === 'one' ? '\u03c9=1 ' : 'prior ') + fmt(f.value));
    });
    g.append('line').attr('x1', m.l).attr('x2', W - m.r).attr('y1', y(figs[0].threshold)).attr('y2', y(figs[0].threshold)).attr('stroke', '#111').attr('stroke-dasharray', '4 3');
    g.append('text').attr('x', W - m.r).attr('y', y(figs[0].threshold) - 4).attr('text-anchor', 'end').text('threshold ' + fmt(figs[0].threshold));
    g.append('text').attr('x', m.l).attr('y', 14).text('D\u2194sys per scope: at \u03c9 = 1 (dark) and at the realistic prior (light), 95% bootstrap interval');
    done(c);
  }

  function unicity(id, figs) {
    if (!figs.length) return;
    var m = { l: 60, r: 20, t: 24, b: 40 }, h = 260;
    var c = svgIn(id, h); if (!c) return;
    var pts = figs.map(function (f) { return { p: +f.id.slice('unicity.p'.length), f: f }; });
    var x = d3.scaleLinear().domain([0.5, d3.max(pts, function (d) { return d.p; }) + 0.5]).range([m.l, W - m.r]);
    var y = d3.scaleLinear().domain([0, 1]).range([h - m.b, m.t]);
    var g = c.svg.append('g');
    g.append('g').attr('class', 'axis').attr('transform', 'translate(0,' + (h - m.b) + ')').call(d3.axisBottom(x).ticks(pts.length).tickFormat(d3.format('d')));
    g.append('g').attr('class', 'axis').attr('transform', 'translate(' + m.l + ',0)').call(d3.axisLeft(y).ticks(5));
    g.append('path').attr('d', d3.area().x(function (d) { return x(d.p); }).y0(function (d) { return y(d.f.low); }).y1(function (d) { return y(d.f.high); })(pts)).attr('fill', '#999').attr('opacity', 0.3);
    g.append('path').attr('d', d3.line().x(function (d) { return x(d.p); }).y(function (d) { return y(d.f.value); })(pts)).attr('fill', 'none').attr('stroke', '#111');
    pts.forEach(function (d) {
      g.append('circle').attr('class', 'point').attr('cx', x(d.p)).attr('cy', y(d.f.value)).attr('r', 5).attr('fill', COLORS[d.f.rating]);
      g.append('text').attr('x', x(d.p) + 7).attr('y', y(d.f.value) + 4).text(fmt(d.f.value));
    });
    g.append('line').attr('x1', m.l).attr('x2', W - m.r).attr('y1', y(figs[0].threshold)).attr('y2', y(figs[0].threshold)).attr('stroke', '#111').attr('stroke-dasharray', '4 3');
    g.append('text').attr('x', W / 2).attr('y', h - 6).attr('text-anchor', 'middle').text('known (zone, time) points p');
    g.append('text').attr('x', m.l).attr('y', 14).text('share of visits the p points single out (95% interval shaded; dashed: threshold ' + fmt(figs[0].threshold) + ')');
    done(c);
  }

  function kHistogram(id, occ) {
    if (!occ || !occ.histogram.length) return;
    var m = { l: 60, r: 20, t: 24, b: 40 }, h = 240;
    var c = svgIn(id, h); if (!c) return;
    var x = d3.scaleBand().domain(occ.histogram.map(function (d) { return d.k; })).range([m.l, W - m.r]).padding(0.15);
    var y = d3.scaleLinear().domain([0, d3.max(occ.histogram, function (d) { return d.classes; })]).nice().range([h - m.b, m.t]);
    var g = c.svg.append('g');
    g.append('g').attr('class', 'axis').attr('transform', 'translate(0,' + (h - m.b) + ')').call(d3.axisBottom(x));
    g.append('g').attr('class', 'axis').attr('transform', 'translate(' + m.l + ',0)').call(d3.axisLeft(y).ticks(5));
    occ.histogram.forEach(function (d) {
      var small = d.k !== '10+' && +d.k < data.thresholds.defaults.k;
      g.append('rect').attr('class', 'bar').attr('x', x(d.k)).attr('y', y(d.classes)).attr('width', x.bandwidth()).attr('height', y(0) - y(d.classes)).attr('fill', small ? COLORS.red : '#6b7280');
      g.append('text').attr('x', x(d.k) + x.bandwidth() / 2).attr('y', y(d.classes) - 3).attr('text-anchor', 'middle').text(d.classes);
    });
    g.append('text').attr('x', W / 2).attr('y', h - 6).attr('text-anchor', 'middle').text('k: different people in a (day, part of the day, group) class (red: fewer than ' + data.thresholds.defaults.k + ')');
    g.append('text').attr('x', m.l).attr('y', 14).text('classes, all seeds');
    done(c);
  }

  function frontier(id, fr) {
    if (!fr) return;
    var pts = fr.points.filter(function (p) { return p.role === 'grid' && p.risk.linkInterval && p.utility.returnFrequency; });
    var rot = fr.points.filter(function (p) { return p.role === 'rotation' && p.risk.linkDays; });
    if (!pts.length && !rot.length) return;
    var m = { l: 70, r: 30, t: 28, b: 46 }, h = 380;
    var c = svgIn(id, h); if (!c) return;
    var ys = pts.map(function (p) { return p.utility.returnFrequency.error; }).concat(rot.map(function (p) { return p.utility.returnFrequency ? p.utility.returnFrequency.error : 0; }));
    var x = d3.scaleLinear().domain([0, 1]).range([m.l, W - m.r]);
    var y = d3.scaleLinear().domain([0, (d3.max(ys) || 1) * 1.1]).nice().range([h - m.b, m.t]);
    var g = c.svg.append('g');
    g.append('g').attr('class', 'axis').attr('transform', 'translate(0,' + (h - m.b) + ')').call(d3.axisBottom(x).ticks(10));
    g.append('g').attr('class', 'axis').attr('transform', 'translate(' + m.l + ',0)').call(d3.axisLeft(y).ticks(6));
    threshold(g, x(data.thresholds.defaults.linkAcrossDays), m.t, h - m.b, 'default threshold ' + fmt(data.thresholds.defaults.linkAcrossDays));
    var placed = [];
    function place(lx, ly) {
      var y0 = ly;
      for (var tries = 0; tries < 8; tries++) {
        var clash = placed.some(function (q) { return Math.abs(q[0] - lx) < 70 && Math.abs(q[1] - y0) < 12; });
        if (!clash) break;
        y0 -= 13;
      }
      placed.push([lx, y0]);
      return [lx, y0];
    }
    var front = pts.filter(function (p) { return p.pareto; }).sort(function (a, b) { return a.risk.linkInterval.risk - b.risk.linkInterval.risk; });
    if (front.length > 1) g.append('path').attr('class', 'front').attr('d', d3.line().curve(d3.curveStepAfter).x(function (p) { return x(p.risk.linkInterval.risk); }).y(function (p) { return y(p.utility.returnFrequency.error); })(front)).attr('fill', 'none').attr('stroke', '#2563eb').attr('stroke-width', 2);
    pts.forEach(function (p) {
      var px = x(p.risk.linkInterval.risk), py = y(p.utility.returnFrequency.error);
      g.append('line').attr('x1', x(p.risk.linkInterval.lo)).attr('x2', x(p.risk.linkInterval.hi)).attr('y1', py).attr('y2', py).attr('stroke', '#999');
      g.append('circle').attr('class', 'point').attr('cx', px).attr('cy', py).attr('r', p.current ? 8 : 6).attr('fill', p.pareto ? '#2563eb' : '#fff').attr('stroke', p.current ? '#111' : '#2563eb').attr('stroke-width', p.current ? 3 : 1.5);
      var at = place(px + 9, py - 6);
      g.append('text').attr('class', 'label').attr('x', at[0]).attr('y', at[1]).text(p.groups + ' / ' + p.consistency + (p.current ? ' (now)' : ''));
    });
    rot.forEach(function (p) {
      var px = x(p.risk.linkDays.risk), py = y(p.utility.returnFrequency ? p.utility.returnFrequency.error : 0);
      g.append('path').attr('class', 'point').attr('transform', 'translate(' + px + ',' + py + ')').attr('d', d3.symbol(d3.symbolDiamond, 110)()).attr('fill', '#a15c00');
      g.append('text').attr('x', px + 9).attr('y', py + 14).text(p.groups + ' / ' + p.consistency + ', keys rotated daily (another day, any part)');
    });
    g.append('text').attr('x', W / 2).attr('y', h - 8).attr('text-anchor', 'middle').text('cross-day linkability within a part of the day (residual risk, 95% interval)');
    g.append('text').attr('transform', 'translate(16,' + (h / 2) + ') rotate(-90)').attr('text-anchor', 'middle').text('return-frequency error (per visit)');
    g.append('text').attr('x', m.l).attr('y', 14).text('groups / consistency; filled: on the Pareto front (blue line); ringed: the configuration now');
    done(c);
  }

  var figs = data.figures;
  riskBars('chart-risk', figs.filter(function (f) { return f.bound === 'atMost' && (f.section === 'attacks' || f.section === 'linkability' || f.section === 'chaining'); }));
  dsys('chart-dsys', figs.filter(function (f) { return f.section === 'unlinkability'; }));
  unicity('chart-unicity', figs.filter(function (f) { return f.section === 'unicity'; }));
  kHistogram('chart-occupancy', data.occupancy);
  frontier('chart-frontier', data.frontier);
})();
`;
