/* The Explore chart's browser side (Dash clientside callbacks, ui/pages/explore.py).
 *
 * The chart state stays on the server; the browser gets only what changed (a delta of ids to
 * remove and slim elements to add or update) and applies it here to the cytoscape elements it
 * already holds, placing new nodes beside their neighbours instead of laying the whole chart
 * out again. Taps, picks and positions are handled here without a round trip.
 */
const LANES = 'lanes';  // the layout by country (ui/pages/explore/layout.py, LAYOUTS)
const LANE_PREFIX = 'lane:', NO_COUNTRY = '-';
const LANE_ROWS = 12, LANE_STEP_X = 130, LANE_STEP_Y = 75, LANE_GAP = 110;

window.dash_clientside = Object.assign({}, window.dash_clientside, {
    crosslink: {
        /* delta: {base, rev, full, remove, upsert}; shown: the revision the browser shows. */
        applyDelta: function (delta, elements, shown, layoutName, layouts) {
            const nu = window.dash_clientside.no_update;
            if (!delta) { return [nu, nu, nu]; }
            if (!delta.full && delta.base !== shown) {
                return [nu, nu, Date.now()];  // a view was skipped: ask for the difference again
            }
            const byId = new Map();
            (elements || []).forEach(function (e) { byId.set(e.data.id, e); });
            const gone = new Set(delta.remove || []);
            if (delta.full) {
                const keep = new Set(delta.upsert.map(function (e) { return e.data.id; }));
                byId.forEach(function (_, id) { if (!keep.has(id)) { gone.add(id); } });
            }
            gone.forEach(function (id) { byId.delete(id); });
            const added = [];
            delta.upsert.forEach(function (e) {
                const before = byId.get(e.data.id);
                if (before) {
                    byId.set(e.data.id, Object.assign({}, before, e));
                } else {
                    byId.set(e.data.id, e);
                    added.push(e);
                }
            });
            const placed = window.dash_clientside.crosslink.place(added);
            if (placed) {
                setTimeout(function () {
                    window.dash_clientside.crosslink.settle(placed, layoutName, layouts);
                }, 50);
            }
            let out = Array.from(byId.values());
            if (layoutName === LANES) { out = window.dash_clientside.crosslink.lanes(out, layouts); }
            return [out, delta.rev, nu];
        },

        /* The lane layout (i2's swim lanes): a compound node per country holds the nodes
           placed there (their jurisdiction, country or nationality; else the one most of
           their neighbours have), lanes side by side, the most crowded first. */
        lanes: function (elements, layouts) {
            const plain = window.dash_clientside.crosslink.unlanes(elements);
            const country = {}, votes = {};
            plain.forEach(function (e) {
                if (!e.data.source) { country[e.data.id] = e.data.jurisdiction || null; }
            });
            plain.forEach(function (e) {
                if (!e.data.source) { return; }
                [[e.data.source, e.data.target], [e.data.target, e.data.source]].forEach(
                    function (pair) {
                        const there = country[pair[1]];
                        if (country[pair[0]] || !there) { return; }
                        const v = votes[pair[0]] = votes[pair[0]] || {};
                        v[there] = (v[there] || 0) + 1;
                    });
            });
            const count = {};
            const lane = function (id) {
                let c = country[id];
                if (!c && votes[id]) {
                    c = Object.keys(votes[id]).sort(function (a, b) {
                        return votes[id][b] - votes[id][a] || a.localeCompare(b);
                    })[0];
                }
                return LANE_PREFIX + (c || NO_COUNTRY);
            };
            const out = plain.map(function (e) {
                if (e.data.source) { return e; }
                const parent = lane(e.data.id);
                count[parent] = (count[parent] || 0) + 1;
                return Object.assign({}, e, {data: Object.assign({}, e.data, {parent: parent})});
            });
            const names = (layouts && layouts.countries) || {};
            Object.keys(count).forEach(function (id) {
                const code = id.slice(LANE_PREFIX.length);
                const name = code === NO_COUNTRY ? 'No country' : (names[code] || code);
                out.unshift({group: 'nodes', classes: 'lane', selectable: false,
                             grabbable: false, data: {id: id, type: 'lane', lane: code,
                             count: count[id], caption: name + ' (' + count[id] + ')'}});
            });
            return out;
        },

        /* The elements without their lanes. */
        unlanes: function (elements) {
            return (elements || []).filter(function (e) {
                return !String(e.data.id).startsWith(LANE_PREFIX);
            }).map(function (e) {
                if (e.data.parent === undefined) { return e; }
                const data = Object.assign({}, e.data);
                delete data.parent;
                return Object.assign({}, e, {data: data});
            });
        },

        /* Where each node of the lanes goes: a lane a column (or a few, when crowded),
           its nodes by label, then caption; lanes in order of size, "No country" last. */
        lanePositions: function (elements) {
            const members = {};
            elements.forEach(function (e) {
                if (e.data.source || !e.data.parent) { return; }
                (members[e.data.parent] = members[e.data.parent] || []).push(e.data);
            });
            const order = Object.keys(members).sort(function (a, b) {
                const none = (a === LANE_PREFIX + NO_COUNTRY) - (b === LANE_PREFIX + NO_COUNTRY);
                return none || members[b].length - members[a].length || a.localeCompare(b);
            });
            const positions = {};
            let x = 0;
            order.forEach(function (id) {
                const nodes = members[id].sort(function (a, b) {
                    return String(a.type).localeCompare(String(b.type))
                        || String(a.caption).localeCompare(String(b.caption));
                });
                const cols = Math.max(1, Math.ceil(nodes.length / LANE_ROWS));
                nodes.forEach(function (d, i) {
                    positions[d.id] = {x: x + LANE_STEP_X * Math.floor(i / LANE_ROWS),
                                       y: LANE_STEP_Y * (i % LANE_ROWS)};
                });
                x += LANE_STEP_X * cols + LANE_GAP;
            });
            return positions;
        },

        /* New nodes without a position go beside the nodes they are linked to: at the middle
           of two or more placed neighbours (a path), else on a ring around one. */
        place: function (added) {
            const cy = window.cy;
            const nodes = added.filter(function (e) { return !e.data.source && !e.position; });
            if (!nodes.length) { return null; }
            const where = {};
            const at = function (id) {
                if (where[id]) { return where[id]; }
                const n = cy ? cy.getElementById(id) : null;
                return n && n.nonempty() ? n.position() : null;
            };
            const links = {};
            added.concat(cy ? cy.edges().map(function (e) { return {data: e.data()}; }) : [])
                .forEach(function (e) {
                    if (!e.data.source) { return; }
                    (links[e.data.source] = links[e.data.source] || []).push(e.data.target);
                    (links[e.data.target] = links[e.data.target] || []).push(e.data.source);
                });
            let todo = nodes.slice();
            for (let pass = 0; pass < 4 && todo.length; pass++) {
                const rings = {}, later = [];
                todo.forEach(function (e) {
                    const known = (links[e.data.id] || []).filter(function (id) { return at(id); });
                    if (known.length >= 2) {
                        const ps = known.map(at);
                        where[e.data.id] = {
                            x: ps.reduce(function (s, p) { return s + p.x; }, 0) / ps.length + 20,
                            y: ps.reduce(function (s, p) { return s + p.y; }, 0) / ps.length + 20};
                    } else if (known.length === 1) {
                        (rings[known[0]] = rings[known[0]] || []).push(e);
                    } else {
                        later.push(e);
                    }
                });
                Object.keys(rings).forEach(function (anchor) {
                    const centre = at(anchor), ring = rings[anchor];
                    const radius = 90 + 7 * ring.length;
                    ring.forEach(function (e, i) {
                        const angle = 2 * Math.PI * i / ring.length + 0.3;
                        where[e.data.id] = {x: centre.x + radius * Math.cos(angle),
                                            y: centre.y + radius * Math.sin(angle)};
                    });
                });
                todo = later;
            }
            // Linked to nothing shown: a column to the right of the chart.
            const box = cy && cy.nodes().nonempty() ? cy.nodes().boundingBox()
                : {x2: -120, y1: 0};
            todo.forEach(function (e, i) {
                where[e.data.id] = {x: box.x2 + 120 + 120 * Math.floor(i / 12),
                                    y: box.y1 + 70 * (i % 12)};
            });
            nodes.forEach(function (e) { e.position = where[e.data.id]; });
            return nodes.map(function (e) { return e.data.id; });
        },

        /* A small chart is laid out again from where its nodes are (so new ones do not
           overlap old ones); a big one, or one kept at its saved positions, is not. New
           nodes outside the view are brought into it. */
        settle: function (ids, layoutName, layouts) {
            const cy = window.cy;
            if (!cy) { return; }
            if (layoutName === LANES) {
                const drawn = cy.elements().map(function (e) { return {data: e.data()}; });
                cy.layout(window.dash_clientside.crosslink.laneLayout(drawn)).run();
                return;
            }
            const spec = layouts.specs[layoutName];
            if (spec && layoutName !== 'preset' && cy.nodes().length < layouts.relayoutBelow) {
                cy.layout(Object.assign({}, spec, {randomize: false})).run();
                return;
            }
            const ext = cy.extent();
            const outside = ids.some(function (id) {
                const p = cy.getElementById(id).position();
                return p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2;
            });
            if (outside) { cy.fit(cy.elements(':visible'), 30); }
        },

        /* A tap focuses a node; a second tap on it within the limit is a double tap. */
        tap: function (tap, last, limit) {
            const nu = window.dash_clientside.no_update;
            if (!tap) { return [nu, nu, nu]; }
            const id = tap.data.id, ts = tap.timeStamp || 0;
            if (last && last.id === id && ts - (last.ts || 0) <= limit) {
                return [id, {}, {id: id, ts: ts}];
            }
            return [id, {id: id, ts: ts}, nu];
        },

        /* A click on the timeline or the map selects the element in the chart. */
        pick: function (timeline, map) {
            const trig = window.dash_clientside.callback_context.triggered;
            const data = trig.length && trig[0].prop_id.startsWith('explore-map') ? map : timeline;
            // a place or a point in time: its id; a country: the ids of what is there
            const ids = ((data || {}).points || []).map(function (p) { return p.customdata; })
                .flat().filter(Boolean);
            const cy = window.cy;
            if (cy && ids.length) {
                cy.elements(':selected').unselect();
                ids.forEach(function (id) { cy.getElementById(id).select(); });
            }
            return ids;
        },

        /* The nodes' positions on screen, saved with the chart. */
        positions: function () {
            const out = {};
            if (window.cy) {
                window.cy.nodes().not('.lane').forEach(function (n) {
                    out[n.id()] = [n.position('x'), n.position('y')];
                });
            }
            return out;
        },

        /* The time slider's window in words (its numbers are days since 1970-01-01). */
        windowLabel: function (value, low, high) {
            if (!value || value.length !== 2 || low === high) { return 'No dates in the chart'; }
            const date = function (n) {
                return new Date(n * 86400000).toISOString().slice(0, 10);
            };
            const all = value[0] <= low && value[1] >= high;
            return (all ? 'All dates: ' : 'Window: ') + date(value[0]) + ' to ' + date(value[1]);
        },

        laneLayout: function (elements) {
            return {name: 'preset', fit: true, padding: 30, animate: false,
                    positions: window.dash_clientside.crosslink.lanePositions(elements)};
        },

        /* A layout chosen: the lanes are drawn for the lane layout and taken away for any
           other. */
        layout: function (name, elements, layouts) {
            const nu = window.dash_clientside.no_update;
            const crosslink = window.dash_clientside.crosslink;
            if (name === LANES) {
                const laned = crosslink.lanes(elements, layouts);
                return [laned, crosslink.laneLayout(laned)];
            }
            const laned = (elements || []).some(function (e) {
                return String(e.data.id).startsWith(LANE_PREFIX);
            });
            if (laned && window.cy) {  // a lane removed would take its nodes with it
                window.cy.nodes('.lane').children().move({parent: null});
            }
            return [laned ? crosslink.unlanes(elements) : nu, layouts.specs[name] || nu];
        }
    }
});
