import sharp from 'sharp'; import fs from 'node:fs';
const P=[[1080,1080],[1080,1350],[1080,1920],[1200,628],[851,315],[1200,627],[1584,396],[1600,900],[1500,500],[1280,720],[2560,1440],[1000,1500]];
function crop(W,H,w,h){const s=Math.min(W/w,H/h);const cw=Math.round(w*s),ch=Math.round(h*s);return [Math.round((W-cw)/2),Math.round((H-ch)/2),cw,ch];}
const src=fs.readFileSync('/tmp/h4x/src.jpg');
async function once(){const { data, info } = await sharp(src).rotate().raw().toBuffer({ resolveWithObject: true });const raw={raw:{width:info.width,height:info.height,channels:info.channels}};
return Promise.all(P.map(([w,h])=>{const [x,y,cw,ch]=crop(4000,3000,w,h);return sharp(data,raw).extract({left:x,top:y,width:cw,height:ch}).resize(w,h,{fit:'fill',kernel:'lanczos3'}).jpeg({quality:82}).toBuffer();}));}
await once();
for(let i=0;i<4;i++){const c=process.cpuUsage();const t=performance.now();await once();const d=process.cpuUsage(c);console.log('wall',Math.round(performance.now()-t),'cpu',Math.round((d.user+d.system)/1000));}
console.log(sharp.concurrency(), process.env.UV_THREADPOOL_SIZE);
