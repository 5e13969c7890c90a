// The live page: one EventSource on /snapshots, one snapshot a second, rendered without a framework.
(function () {
    'use strict';
    const WINDOW = 120; // seconds of history in the chart
    const times = [], accepted = [], finals = [];
    const text = (id, value) => { document.getElementById(id).textContent = value; };
    const rate = (value) => value === null || value === undefined ? '–' : value.toFixed(1);
    const whole = (value) => value === null || value === undefined ? '–' : String(value);

    const chart = new uPlot({
        width: Math.max(600, document.body.clientWidth - 48), height: 220,
        series: [{}, {label: 'accepted/s', stroke: '#3367d6', width: 2},
            {label: 'final/s', stroke: '#2a7a3a', width: 2}],
        axes: [{}, {label: 'orders/s'}],
        scales: {x: {time: true}, y: {range: (u, min, max) => [0, Math.max(1, max)]}},
    }, [times, accepted, finals], document.getElementById('chart'));

    function fill(tableId, rows) {
        const body = document.querySelector('#' + tableId + ' tbody');
        body.replaceChildren(...rows.map((cells) => {
            const tr = document.createElement('tr');
            if (cells.id) {
                tr.dataset.orderId = cells.id;
            }
            for (const cell of cells.cells) {
                const td = document.createElement('td');
                const c = typeof cell === 'object' && cell !== null ? cell : {text: cell};
                td.textContent = c.text === null || c.text === undefined ? '–' : String(c.text);
                if (c.cls) {
                    td.className = c.cls;
                }
                tr.appendChild(td);
            }
            return tr;
        }));
    }

    const stateCell = (state) => ({text: state, cls: 'state state-' + String(state).split(' ')[0]});

    function render(s) {
        text('taken-at', new Date(s.takenAt).toLocaleTimeString());
        text('accepted-rate', rate(s.orders.acceptedPerSecond));
        text('final-rate', rate(s.orders.finalPerSecond));
        text('accepted-total', whole(s.orders.accepted));
        text('final-total', whole(s.orders.finalized));
        text('in-flight', s.orders.accepted === null || s.orders.finalized === null
            ? '–' : String(Math.max(0, s.orders.accepted - s.orders.finalized)));
        text('reconciliation', s.reconciliation.text);

        times.push(Date.parse(s.takenAt) / 1000);
        accepted.push(s.orders.acceptedPerSecond);
        finals.push(s.orders.finalPerSecond);
        while (times.length > WINDOW) {
            times.shift(); accepted.shift(); finals.shift();
        }
        chart.setData([times, accepted, finals]);

        fill('services', s.services.map((svc) => ({cells: [
            svc.reachable ? svc.service : svc.service + ' (unreachable)',
            {text: rate(svc.processedPerSecond), cls: 'num'},
            {text: svc.processed, cls: 'num'}, {text: svc.duplicates, cls: 'num'}]})));
        fill('backlog', s.backlog.map((b) => ({cells: [b.destination, b.group,
            {text: b.messages === null ? '?' : Math.round(b.messages), cls: 'num'}, b.source]})));
        fill('dead-letters', s.deadLetters.counts.map((d) => ({cells: [d.service, d.destination,
            {text: d.count, cls: 'num'}]})));
        text('dead-letters-note', s.deadLetters.note);
        fill('latest-orders', s.latestOrders.map((o) => ({id: o.orderId, cells: [
            o.orderId.substring(0, 8), o.customerId,
            o.createdAt ? new Date(o.createdAt).toLocaleTimeString() : '–',
            stateCell(o.order), stateCell(o.inventory), o.points, o.sms, o.coupon]})));
    }

    const connection = document.getElementById('connection');
    const source = new EventSource('/snapshots');
    source.addEventListener('snapshot', (event) => {
        connection.textContent = 'live';
        connection.classList.remove('down');
        render(JSON.parse(event.data));
    });
    source.onerror = () => {
        connection.textContent = 'reconnecting…';
        connection.classList.add('down');
    };
})();
